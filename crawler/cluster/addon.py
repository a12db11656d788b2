"""The Scrapy add-on that turns a crawl into a cluster worker when ``ARCHIVE_CLUSTER`` is set.

Why an add-on: Scrapy applies add-ons after every other source of settings (the project, the
spider, ``-s`` on the command line, Scrapyd's job settings), so one setting, given any of those
ways, is enough to swap the scheduler and add the cluster's middlewares and extension. Without
``ARCHIVE_CLUSTER`` it changes nothing.
"""

from __future__ import annotations

from scrapy.settings import SETTINGS_PRIORITIES

from crawler.cluster.config import cluster_url

# Outermost downloader middleware: it sees a failure only once nothing (retry, redirect) took it up.
FINISHED_DOWNLOADS = 1
# Innermost: the last thing before the download, so the wait for the host's turn is right before it.
POLITENESS = 960
# Where Scrapy's own robots.txt middleware sits.
ROBOTS = 100
WORKER = 120
# Outermost spider middleware: the spider's whole output has been queued when it has passed here.
FINISHED_OUTPUT = 1


class ClusterAddon:
    def update_settings(self, settings) -> None:
        if not cluster_url(settings):
            return
        from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware

        from crawler.cluster.politeness import ClusterPoliteness
        from crawler.cluster.robots import ClusterRobotsTxt
        from crawler.cluster.worker import ClusterWorker, FinishedRequests

        settings.set("SCHEDULER", "crawler.cluster.scheduler.ClusterScheduler", priority="addon")
        # AutoThrottle tunes one process's delays: across workers it would only delay a request past
        # the start the cluster reserved for it (crawler/cluster/politeness.py). Off, whoever set it.
        settings.set("AUTOTHROTTLE_ENABLED", False, priority=max(settings.getpriority("AUTOTHROTTLE_ENABLED") or 0,
                                                                  SETTINGS_PRIORITIES["addon"]))
        # Component dictionaries are changed in place, whatever the priority they were set with.
        settings.set_in_component_priority_dict("DOWNLOADER_MIDDLEWARES", FinishedRequests, FINISHED_DOWNLOADS)
        settings.set_in_component_priority_dict("DOWNLOADER_MIDDLEWARES", ClusterPoliteness, POLITENESS)
        settings.set_in_component_priority_dict("DOWNLOADER_MIDDLEWARES", RobotsTxtMiddleware, None)
        settings.set_in_component_priority_dict("DOWNLOADER_MIDDLEWARES", ClusterRobotsTxt, ROBOTS)
        settings.set_in_component_priority_dict("SPIDER_MIDDLEWARES", FinishedRequests, FINISHED_OUTPUT)
        settings.set_in_component_priority_dict("EXTENSIONS", ClusterWorker, WORKER)
