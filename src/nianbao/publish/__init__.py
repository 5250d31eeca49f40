"""Publishing: the report as a document (``render``: .docx, .html, .md) and published reports read back
into workbooks (``importer``)."""
