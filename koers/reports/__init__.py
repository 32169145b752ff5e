"""Exports: PDF (WeasyPrint) and, later, Excel and PowerPoint."""
