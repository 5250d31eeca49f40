"""Checking: the rules of the form over a read report, one file's verdict, marked copies.

The consistency rules (``rules``), whole-report validation (``validate``), reading plus judging one file or
a folder (``checkfile``) and the annotated copies sent back to offices (``annotate``).
"""
