"""Browsing the archive in Datasette: metadata, a thread reader and activity pages.

``serve.py`` starts Datasette with ``metadata.yaml`` and ``plugin.py``; ``reader.py`` and
``pages.py`` build what the pages show from the database; ``chart.py`` draws posts per day.
"""
