"""The form: what the official report is, as data.

The spec types (``spec``), one data module per format version (``f2021``, ``f2019``, with the parts they
share in ``common``) and the registry that knows them all (``registry``); one office's filled report
(``model.Report``); the sheets of a nianbao workbook (``sheets``); the finding catalogue (``findings``) and
one file's verdict (``result``). Everything above derives from this layer; it imports nothing above it.
"""
