"""The bundled sample forum, served on 127.0.0.1 for the demo and the tests.

See :mod:`crawler.demo_site.server`.
"""
