"""The version of nianbao (written into every workbook it makes)."""

__version__ = "0.1.0"
