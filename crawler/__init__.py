"""The Scrapy project of forum-archiver: spiders fetch, the WARC extension archives and ingests."""
