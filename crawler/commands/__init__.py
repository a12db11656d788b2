"""Scrapy commands of the project (``COMMANDS_MODULE``): ``crawl`` with an honest exit status."""
