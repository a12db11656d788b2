"""Scrapy settings of forum-archiver.

Project settings share the ``ARCHIVE_`` prefix; each has one default here and a row in
``docs/settings.md``. Change any of them per run with ``scrapy crawl ... -s NAME=VALUE``.
"""

import os

# Scrapy's cookies middleware splits domains with tldextract, which downloads the public suffix
# list on first use and logs a traceback per attempt when offline. An empty URL list makes it use
# the snapshot bundled with tldextract, with no network fetch (tldextract 5.4+ reads this variable
# when Scrapy builds its extractor, after this module is loaded). Set it yourself to fetch a list.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

BOT_NAME = "forum-archiver"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
# `scrapy crawl` is the project's own (crawler/commands/crawl.py): it exits non-zero when pages were lost.
COMMANDS_MODULE = "crawler.commands"

# --- Archive output -------------------------------------------------------------------------
# Write every HTTP exchange to WARC and ingest it into SQLite (False: crawl only).
ARCHIVE_ENABLED = True
# Folder for WARC files, named <crawl>-<UTC timestamp>-<run token>-<serial>.warc.gz.
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
# Write a response whose body is identical to an earlier 200 capture of the same URL as a WARC
# revisit record (identical-payload-digest profile) instead of storing the body again.
ARCHIVE_REVISITS = True
# Send If-None-Match / If-Modified-Since from the newest 200 capture of the URL
# (crawler/middlewares/conditional.py); a 304 is archived and the stored page is followed.
ARCHIVE_CONDITIONAL_REQUESTS = True
# zlib level (0-9) of each WARC record's gzip member: on forum pages 6 compresses 1.2 to 3 times as
# fast as warcio's fixed 9, for files at most 3% larger.
ARCHIVE_WARC_GZIP_LEVEL = 6
# Exchanges that may wait for the archive's writer (WARC gzip and write, SQLite rows; ARCHIVE_WRITER)
# before the crawl waits for it; 0 writes each one in Scrapy's own thread, as it arrives.
ARCHIVE_WRITE_QUEUE = 32
# Where the archive writer runs: "process" (a child process of its own, off Scrapy's GIL;
# archive/writer_process.py: 1.2 times the pages/s of the thread on 2 cores, docs/performance.md) or
# "thread" (in Scrapy's process; archive/writer_thread.py: no second process to start). Ignored when
# ARCHIVE_WRITE_QUEUE is 0.
ARCHIVE_WRITER = "process"
# Seconds to wait for another process's write lock on ARCHIVE_DB (crawls that overlap take turns);
# a write still locked out after that, and two retries, stops the crawl (finish reason archive_locked).
ARCHIVE_DB_BUSY_TIMEOUT = 60.0

# Pages of one thread the forum spider reads in one run at most; past it the walk stops with a
# page_cap error row, and the next run reads on from there (a guard against endless pagination).
ARCHIVE_MAX_THREAD_PAGES = 20000

# Fetch each thread page's requisites with it (the posts' images and attachments, avatars, icons,
# stylesheets; crawler/requisites.py), so it replays as it looked and the reader shows its pictures.
ARCHIVE_REQUISITES = True
# Requisites fetched per page at most, the posts' own images and attachments first.
ARCHIVE_REQUISITES_PER_PAGE = 100
# Bytes one requisite may have (10 MB); a larger one is cut off and recorded as requisite_skipped.
ARCHIVE_REQUISITE_MAX_BYTES = 10_000_000
# Hosts, with their subdomains, requisites may come from beyond the page's own site: by default the
# hosted engines' CDNs (Invision Community cloud, Discourse hosting, Forumotion, ProBoards), which
# serve their boards' uploads and styles; ["*"] allows any host, [] the page's own site only.
ARCHIVE_REQUISITE_HOSTS = ["invisioncic.com", "invisionzone.com", "discourse-cdn.com", "discourse-uploads.com",
                           "illiweb.com", "forumotion.com", "proboards.com"]

# --- Cluster (crawler/cluster, docs/cluster.md) ------------------------------------------------
# A Redis URL (redis://host:6379/0) makes this crawl one worker of a cluster: scrapy-redis's shared
# queue and dupefilter, politeness per host across workers, seeds from `forum-archiver cluster seed`.
# Empty: a crawl on this machine alone.
ARCHIVE_CLUSTER = ""
# The worker's name in WARC file names, its shard and Redis; empty: <host name>-<process id>. Give a
# fixed one to have a restarted worker take back at once what it had in flight.
ARCHIVE_WORKER_ID = ""
# The database a cluster worker writes ({worker}: its id); ARCHIVE_DB is then the merged archive
# (forum-archiver merge) it reads to know where each thread stopped.
ARCHIVE_SHARD_DB = "data/shards/{worker}.db"
# Seconds without a heartbeat after which a worker is taken for dead and its pages in flight go
# back to the queue for the others.
ARCHIVE_CLUSTER_WORKER_TIMEOUT = 30.0
# A worker ends once the whole cluster (queue, seeds, every worker's pages in flight) has been idle
# this many seconds; 0: it never ends by itself and waits for the next seeds.
ARCHIVE_CLUSTER_IDLE_CLOSE = 10.0
ADDONS = {"crawler.cluster.addon.ClusterAddon": 0}

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
# Name whoever runs the crawl in the User-Agent: forum-archiver/0.1 (+CONTACT), an email or URL.
# Empty: USER_AGENT above (the project's URL).
ARCHIVE_CONTACT = ""
# A Netscape/Mozilla cookies.txt whose cookies are sent to matching domains (logged-in crawls).
ARCHIVE_COOKIES_FILE = ""
# Before a retry, wait Retry-After (429, 503) or ARCHIVE_BACKOFF_BASE * 2**retries with jitter,
# never more than ARCHIVE_MAX_BACKOFF seconds.
ARCHIVE_BACKOFF_BASE = 2.0
ARCHIVE_MAX_BACKOFF = 300
# After a wall (login wall, guest-view limit, bot challenge), drop requests to that host for this
# many seconds; 0: for the rest of the crawl; negative: record the wall, do not pause.
ARCHIVE_WALL_PAUSE = 3600
# Seconds one download may take in all, connection to last byte (Scrapy's setting; its default is
# 180): a body dripped a byte at a time is cut off, retried (RETRY_TIMES), then recorded as timeout.
DOWNLOAD_TIMEOUT = 60

# --- Crawler hygiene --------------------------------------------------------------------------
# Follow a redirect to another host than the one its chain started on (a www. prefix, the scheme
# and the port do not count); False records it in crawl_errors (offsite_redirect) and stops there.
ARCHIVE_FOLLOW_OFFSITE_REDIRECTS = False
# Hosts, with their subdomains, that redirects may lead to anyway (a forum's new domain).
ARCHIVE_REDIRECT_HOSTS = []
# Query (and ;path) parameters that are a session id whatever their value, taken out of URLs
# before they are fetched (crawler/middlewares/session_ids.py); names match without case.
ARCHIVE_SESSION_PARAMS = ["PHPSESSID", "sessionid", "SESSID", "osCsid", "jsessionid"]
# Parameters that are a session id only when their value is 32 hex digits (vBulletin and IP.Board
# s, phpBB sid); any other value (a search ?s=term, a story ?sid=42) stays.
ARCHIVE_SESSION_TOKEN_PARAMS = ["s", "sid"]
# Replace the values of Cookie, Authorization and Proxy-Authorization in WARC request records by
# [redacted]; False keeps them, as WARC practice does.
ARCHIVE_WARC_REDACT_CREDENTIALS = False
# Scrapy's telnet console and its remote-control HTTP server each open a local port that runs
# code inside the crawl: both off.
TELNETCONSOLE_ENABLED = False
# Scrapy checks each callback's source for a generator with "return <value>" on every response. It
# caches the answer on the bound method, which lives as long as its request, so the check runs again
# and again (about 9 ms each: the module re-tokenised): 3.5% of Scrapy's thread in a crawl profile.
# Our callbacks are checked once, by tests/test_spider_callbacks.py, with Scrapy's own function.
WARN_ON_GENERATOR_RETURN_VALUE = False
# Scrapy starts this many tasks for every response to pass its outputs (posts, requests) through
# the item pipelines, however few outputs it has: 100 by default, about 0.45 ms a page of Scrapy's
# thread. The project has no item pipelines that wait, so a few suffice (tests/test_spider_items.py).
CONCURRENT_ITEMS = 16
REMOTE_CONTROL_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.conditional.ConditionalRequests": 560,
    # Requisites archived already are not fetched again (before the conditional headers are added).
    "crawler.middlewares.requisites.RequisiteFilter": 555,
    # Errors, politeness, walls (docs/settings.md). process_response/process_exception run from
    # high to low priority: the guard sees bodies before HttpCompression (590), walls and
    # backoff before RetryMiddleware (550), the final-errors recorder only after it.
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "crawler.middlewares.user_agent.ContactUserAgentMiddleware": 500,
    "crawler.middlewares.errors.FinalErrorsMiddleware": 540,
    "crawler.middlewares.backoff.BackoffMiddleware": 565,
    "crawler.middlewares.walls.WallPauseMiddleware": 575,
    "crawler.middlewares.errors.DecompressionGuard": 595,
    # After Scrapy's CookiesMiddleware (700), which rebuilds the Cookie header for every request.
    "crawler.middlewares.cookies_file.CookiesFileMiddleware": 710,
    # Hygiene: session ids out of URLs before anything else sees them; redirects stay on the site.
    "crawler.middlewares.session_ids.SessionIdMiddleware": 25,
    "crawler.middlewares.redaction.CredentialRedactionMiddleware": 30,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.redirects.SameSiteRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.redirects.SameSiteMetaRefreshMiddleware": 580,
}

EXTENSIONS = {
    "crawler.extensions.warc_archive.WarcArchive": 100,
    "crawler.extensions.crawl_errors.CrawlErrors": 110,
}

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
