"""The wording catalogue: what nianbao says to a user, one module per consumer (``cli``, ``web``, ``inbox``,
``demo``, ``files``, ``check``, ``merge``, ``read``, ``template``, ``publish``), as named constants and ``str.format``
templates with named fields.

The lowest layer (it imports nothing of nianbao outside itself), so every layer can use it, ``nianbao.files``
included. A text two consumers say alike is written once, in the lower one's module, which the other's names. A
finding's text is not here but in the findings catalogue (``form/finding_codes.py``); a label looked for in a
sheet is format knowledge and lives with the format modules (``form/``). Code names a text
(``words.OS_ERROR_NUMBER.format(errno=...)``); ``tests/test_wording.py`` fails when a Chinese literal
reappears in a swept package.
"""
