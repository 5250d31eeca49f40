"""Merging many offices' reports into a county summary.

The merge itself (``core``), comparisons with last year (``crossyear``) and the summary workbook, CSV and
JSON (``summary``).
"""
