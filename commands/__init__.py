"""Command-line commands that are not reports or exchange (see app.py COMMAND_MODULES)."""
