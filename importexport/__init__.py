"""Bulk import and export of analysis, experts, taxonomy and their translations.

The interchange format is JSON Lines (see docs/import-format.md): ``records`` parses and
validates lines, ``html`` turns body HTML/Markdown into typed blocks and back,
``importer`` and ``exporter`` move records in and out of the database, and
``translation`` makes translated records into wagtail-localize translations.
"""
