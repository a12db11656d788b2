"""One crawl across many workers and machines, on scrapy-redis and a Redis server.

A worker is an ordinary ``forum-archiver crawl forum`` (or ``scrapy crawl forum``) run with
``-s ARCHIVE_CLUSTER=redis://HOST:PORT/DB``. The :mod:`crawler.cluster.addon` then switches on:

- scrapy-redis's scheduler, with Scrapy's own request fingerprints in its shared dupefilter and a
  per-worker in-flight set, so a killed worker's pages go back to the queue
  (:mod:`crawler.cluster.scheduler`);
- per-host politeness for the whole cluster: the next allowed request time and the number of
  requests in progress per host are kept in Redis (:mod:`crawler.cluster.politeness`); robots.txt
  is fetched once per host and shared (:mod:`crawler.cluster.robots`); a wall pauses the site for
  every worker (crawler/middlewares/walls.py);
- the worker's heartbeat, seeds, recovery of dead workers' pages and the end of a round
  (:mod:`crawler.cluster.worker`).

Each worker writes its own WARC files (its id in their names) and its own database shard
(``ARCHIVE_SHARD_DB``); ``forum-archiver merge`` builds the archive from the shards. Seeds are
pushed, and the cluster is watched, with ``forum-archiver cluster`` (:mod:`crawler.cluster.commands`).
docs/cluster.md is the user's guide.
"""
