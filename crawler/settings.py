"""Scrapy settings of forum-archiver.

Project settings share the ``ARCHIVE_`` prefix; each has one default here and a row in
``docs/settings.md``. Change any of them per run with ``scrapy crawl ... -s NAME=VALUE``.
"""

BOT_NAME = "forum-archiver"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- Archive output -------------------------------------------------------------------------
# Write every HTTP exchange to WARC and ingest it into SQLite (False: crawl only).
ARCHIVE_ENABLED = True
# Folder for WARC files, named <crawl>-<UTC timestamp>-<serial>.warc.gz.
ARCHIVE_WARC_DIR = "data/warc"
# Start a new WARC file once the current one reaches this many bytes (1 GB).
ARCHIVE_WARC_MAX_SIZE = 1_000_000_000
# First part of WARC file names; empty means the spider's name.
ARCHIVE_CRAWL_NAME = ""
# The SQLite database the archive writes.
ARCHIVE_DB = "data/archive.db"
# News outlets to recognise in posts that paste articles, beyond the built-in list
# (parsers.reposts.KNOWN_OUTLETS); a list, or names separated by commas with -s.
ARCHIVE_NEWS_OUTLETS = []

# --- Politeness -------------------------------------------------------------------------------
USER_AGENT = "forum-archiver/0.1 (+https://github.com/forum-archiver/forum-archiver)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_TIMES = 2
HTTPCACHE_ENABLED = False

EXTENSIONS = {
    "crawler.extensions.warc_archive.WarcArchive": 100,
}

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
