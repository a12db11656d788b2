"""Downloader middlewares of forum-archiver."""
