"""The ``forum-archiver`` command: crawl, replay, merge, parse, eval, demo, warc repair, check, serve, search and wacz.

``forum-archiver crawl SPIDER ...`` is ``scrapy crawl`` from any folder, with this project's
settings (no ``scrapy.cfg`` needed); the other subcommands cover what Scrapy does not.
``main(argv)`` can be called from tests. Bad usage exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="forum-archiver", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    # Everything after "crawl" is Scrapy's own crawl command line (forum-archiver crawl -h lists it).
    commands.add_parser("crawl", add_help=False, help="run the forum or news spider, as scrapy crawl does, "
                        "from any folder: crawl SPIDER [-a NAME=VALUE]... [-s NAME=VALUE]... [-O FILE | -o FILE]")

    replay = commands.add_parser("replay", help="rebuild a database from WARC files, offline")
    replay.add_argument("warcs", nargs="+", metavar="WARC", help="WARC files (or folders of them) to replay")
    replay.add_argument("--db", required=True, help="SQLite database to write (created if missing)")
    replay.add_argument("--engine", help="force this parser instead of detecting the engine")
    replay.add_argument("--quiet", action="store_true", help="no progress lines, only the summary")
    replay.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="parse worker processes (default: one per CPU; 1 parses in the writing process)")

    merge = commands.add_parser("merge", help="merge crawl workers' shard databases into one archive, "
                                "re-reading their captures from the WARC files in capture order")
    merge.add_argument("shards", nargs="+", metavar="SHARD", help="shard databases (.db files, or folders of them)")
    merge.add_argument("--db", help="the archive to merge into (default: ARCHIVE_DB, data/archive.db; "
                       "created if missing)")
    merge.add_argument("--warc-dir", metavar="DIR",
                       help="folder of the workers' WARC files (default: warc/ beside the database)")

    parse = commands.add_parser("parse", help="print the parse result of a saved page as JSON")
    parse.add_argument("file", help="saved page (HTML bytes as served)")
    parse.add_argument("--url", required=True, help="the URL the page was fetched from")
    parse.add_argument("--captured-at", help="capture time, ISO 8601 (default: the file's mtime)")
    parse.add_argument("--engine", help="force this parser instead of detecting the engine")
    parse.add_argument("--content-type", help="the Content-Type header the page came with")

    evaluate = commands.add_parser("eval", help="score the parsers against saved pages with ground truth")
    evaluate.add_argument("dir", metavar="DIR", help="folder searched recursively for X.expected.json beside X.html, "
                          "and for news benchmarks (ground-truth.json beside html/<key>.html.gz)")
    output = evaluate.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the scores and misses as JSON")
    output.add_argument("--markdown", action="store_true", help="print Markdown tables (as in docs/accuracy.md)")
    evaluate.add_argument("--engine", help="parse every page with this engine (generic: the engine parsers switched off)")
    evaluate.add_argument("--reposts", metavar="LABELS",
                          help="also score news-repost detection against hand labels (tests/data/repost_labels.json)")
    evaluate.add_argument("--news-gold", metavar="FILE",
                          help="also score titles, authors and dates of news benchmark pages against hand gold "
                               "(tests/data/news_bench_sample.json)")

    demo = commands.add_parser("demo", help="crawl the bundled sample forum on 127.0.0.1 and summarise")
    demo.add_argument("--out", default="demo-output", help="folder for the WARCs and database (default: demo-output)")

    warc = commands.add_parser("warc", help="WARC file tools")
    warc_commands = warc.add_subparsers(dest="warc_command", required=True)
    repair = warc_commands.add_parser("repair", help="cut a torn tail (left by a crash) after the last whole record")
    repair.add_argument("file", metavar="FILE", help="the WARC file to repair (in place unless --out)")
    repair.add_argument("--out", metavar="FILE", help="write the repaired copy here and leave FILE as it is")

    check = commands.add_parser("check", help="list threads with missing pages or posts, and crawl errors not filled since")
    check.add_argument("db", nargs="?", metavar="DB", help="the archive database (default: ARCHIVE_DB, data/archive.db)")
    check.add_argument("--all", action="store_true", help="list complete threads too")
    check.add_argument("--json", action="store_true", help="print the report as JSON")

    serve = commands.add_parser("serve", help="browse the archive in Datasette, with the thread reader")
    serve.add_argument("db", nargs="?", metavar="DB", help="the archive database (default: ARCHIVE_DB, data/archive.db)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8001, help="port to listen on (default: 8001)")
    serve.add_argument("--warc-dir", metavar="DIR",
                       help="folder of the archive's WARC files, for captured images (default: warc/ beside DB)")
    serve.add_argument("--setting", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                       help="a Datasette setting, e.g. --setting default_allow_sql off (repeatable)")
    serve.add_argument("--replay", action="store_true",
                       help="also replay the WARC files in pywb, linked from each post (\"view as archived\")")
    serve.add_argument("--replay-port", type=int, metavar="PORT", help="pywb's port with --replay (default: a free one)")
    serve.add_argument("--pywb", metavar="WAYBACK",
                       help="pywb's wayback command (default: $FORUM_ARCHIVER_PYWB, wayback on PATH, .venv-replay)")

    search = commands.add_parser("search", help="full-text search of the archive, best matches first "
                                 "(the most relevant among the newest matches; --all ranks every match)")
    search.add_argument("query", metavar="QUERY", help="FTS5 query: words, \"a phrase\", prefix*, a OR b, NEAR(a b)")
    search.add_argument("--db", help="the archive database (default: ARCHIVE_DB, data/archive.db)")
    search.add_argument("--table", default="posts", choices=["posts", "quotes", "articles", "reposts"],
                        help="what to search (default: posts)")
    search.add_argument("--limit", type=int, default=20, help="rows to show (default: 20)")
    search.add_argument("--offset", type=int, default=0, help="rows to skip, for the next pages (default: 0)")
    ranked = search.add_mutually_exclusive_group()
    ranked.add_argument("--newest", type=int, metavar="N",
                        help="rank only the N matches archived last (default: 10000; docs/search.md)")
    ranked.add_argument("--all", action="store_true", help="rank every match (slower when a word is common)")
    search.add_argument("--json", action="store_true", help="print each row whole, as one JSON line")

    wacz = commands.add_parser("wacz", help="package the archive, or some threads, as a WACZ file (ReplayWeb.page, pywb)")
    wacz.add_argument("out", metavar="OUT.wacz", help="the WACZ file to write")
    wacz.add_argument("--db", help="the archive database (default: ARCHIVE_DB, data/archive.db)")
    wacz.add_argument("--warc-dir", metavar="DIR", help="folder of the archive's WARC files (default: warc/ beside the database)")
    wacz.add_argument("--thread", action="append", metavar="THREAD_ID",
                      help="package this thread (threads.id; repeatable); default: the whole archive")
    wacz.add_argument("--where", metavar="SQL", help="package the threads matching this SQL condition over the threads table")

    from crawler.cluster.commands import add_parser as add_cluster_parser

    add_cluster_parser(commands)

    args, rest = parser.parse_known_args(argv)
    if args.command == "crawl":
        return _crawl(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.command == "cluster":
        from crawler.cluster.commands import run as run_cluster

        return run_cluster(args, parser)
    return {"replay": _replay, "merge": _merge, "parse": _parse, "eval": _eval, "demo": _demo,
            "warc": _warc, "check": _check, "serve": _serve, "wacz": _wacz,
            "search": _search}[args.command](args, parser)


SETTINGS_MODULE = "crawler.settings"


def _crawl(argv: list[str]) -> int:
    """``scrapy crawl`` with this project's settings, wherever it runs.

    Scrapy's own command line does the work: :func:`scrapy.cmdline.execute` parses the options
    (``-a``, ``-s``, ``-o``/``-O``, ``-L``, ...), picks the crawler process and runs the project's
    crawl command (crawler/commands/crawl.py, through ``COMMANDS_MODULE``), whose exit status says
    whether pages were lost. Only the settings are ours: the project's module, not whatever
    ``scrapy.cfg`` the working folder has (or lacks).
    """
    from scrapy.cmdline import execute
    from scrapy.settings import Settings

    # Scrapy offers project commands (crawl) only inside a project, which this variable makes us.
    os.environ["SCRAPY_SETTINGS_MODULE"] = SETTINGS_MODULE
    settings = Settings()
    settings.setmodule(SETTINGS_MODULE, priority="project")
    try:
        execute(["forum-archiver", "crawl", *argv], settings)
    except SystemExit as done:  # execute() always ends with sys.exit(the command's exit code)
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    return 0


def _check(args, parser) -> int:
    from archive.check import check_archive
    from crawler.settings import ARCHIVE_DB

    db = Path(args.db or ARCHIVE_DB)
    if not db.is_file():
        parser.error(f"no archive database at {db} (crawl first, or name one: forum-archiver check PATH.db)")
    report = check_archive(db)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(report.render(show_complete=args.all), end="")
    return 0 if report.complete else 1


def _serve(args, parser) -> int:
    from archive.browse.serve import datasette_settings, serve
    from crawler.settings import ARCHIVE_DB

    db = Path(args.db or ARCHIVE_DB)
    if not db.is_file():
        parser.error(f"no archive database at {db} (crawl first, or name one: forum-archiver serve PATH.db)")
    if args.warc_dir and not Path(args.warc_dir).is_dir():
        parser.error(f"no such WARC folder: {args.warc_dir}")
    try:
        settings = datasette_settings([tuple(pair) for pair in args.setting])
    except ValueError as exc:
        parser.error(str(exc))
    from archive.pywb_replay import PywbError, PywbNotFound

    try:
        serve(db, host=args.host, port=args.port, warc_dir=args.warc_dir, settings=settings, replay=args.replay,
              replay_port=args.replay_port, pywb=args.pywb)
    except (PywbNotFound, PywbError) as exc:
        print(f"forum-archiver serve --replay: {exc}", file=sys.stderr)
        return 1
    return 0


def _search(args, parser) -> int:
    import sqlite3

    from archive.search_query import DEFAULT_NEWEST, render, search
    from crawler.settings import ARCHIVE_DB

    db = Path(args.db or ARCHIVE_DB)
    if not db.is_file():
        parser.error(f"no archive database at {db} (crawl first, or name one: forum-archiver search QUERY --db PATH.db)")
    if args.newest is not None and args.newest < 1:
        parser.error("--newest must be 1 or more (--all ranks every match)")
    connection = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
    try:
        rows = search(connection, args.query, table=args.table, limit=args.limit, offset=args.offset,
                      newest=None if args.all else args.newest or DEFAULT_NEWEST)
    except sqlite3.OperationalError as exc:  # a malformed FTS5 query ("fts5: syntax error near ...")
        parser.error(f"{exc} (query: {args.query})")
    finally:
        connection.close()
    for row in rows:
        print(json.dumps(row, ensure_ascii=False) if args.json else render(row, args.table))
    return 0


def _wacz(args, parser) -> int:
    from archive.wacz import WaczError, build_wacz
    from crawler.settings import ARCHIVE_DB

    db = Path(args.db or ARCHIVE_DB)
    if not db.is_file():
        parser.error(f"no archive database at {db} (crawl first, or name one: forum-archiver wacz OUT.wacz --db PATH.db)")
    warc_dir = Path(args.warc_dir) if args.warc_dir else db.parent / "warc"
    if not warc_dir.is_dir():
        parser.error(f"no such WARC folder: {warc_dir}")
    if not args.out.endswith(".wacz"):
        parser.error(f"the output must end with .wacz (the spec's extension): {args.out}")
    try:
        summary = build_wacz(db, warc_dir, args.out, threads=args.thread, where=args.where)
    except WaczError as exc:
        parser.error(str(exc))
    print(summary.render())
    return 0


def _warc(args, parser) -> int:
    from archive.warc_repair import repair

    if not Path(args.file).is_file():
        parser.error(f"no such WARC file: {args.file}")
    if args.out and Path(args.out).resolve() == Path(args.file).resolve():
        parser.error("--out must be another file (leave it out to repair in place)")
    result = repair(args.file, args.out)
    print(result.summary())
    return 0


def _replay(args, parser) -> int:
    from archive.replay import replay

    paths: list[str] = []
    for item in args.warcs:
        path = Path(item)
        if path.is_dir():
            paths.extend(str(p) for p in sorted(path.glob("*.warc.gz")) + sorted(path.glob("*.warc")))
        elif path.is_file():
            paths.append(str(path))
        else:
            parser.error(f"no such WARC file or folder: {item}")
    if not paths:
        parser.error("no WARC files found")

    def progress(stats) -> None:
        print(stats.progress_line(), file=sys.stderr, flush=True)

    options = {} if args.jobs is None else {"jobs": max(args.jobs, 1)}
    stats = replay(paths, args.db, engine=args.engine, progress=None if args.quiet else progress, **options)
    print(stats.summary())
    # A parse worker that died is a failure even though its record was stored (as unsupported).
    return 1 if (stats.errors and stats.records == 0) or stats.worker_deaths else 0


def _merge(args, parser) -> int:
    """Shards named, or found as ``*.db`` in the folders named (the archive itself left out);
    exit status 1 when anything was not merged (a missing WARC file, an unreadable record)."""
    from archive.merge import MergeError, merge_shards
    from crawler.settings import ARCHIVE_DB

    db = Path(args.db or ARCHIVE_DB)
    warc_dir = Path(args.warc_dir) if args.warc_dir else db.parent / "warc"
    if not warc_dir.is_dir():
        parser.error(f"no such WARC folder: {warc_dir}")
    shards: list[Path] = []
    for item in args.shards:
        path = Path(item)
        if path.is_dir():
            shards.extend(p for p in sorted(path.glob("*.db")) if p.resolve() != db.resolve())
        elif path.is_file():
            shards.append(path)
        else:
            parser.error(f"no such shard database or folder: {item}")
    if not shards:
        parser.error("no shard databases (*.db) found")
    try:
        summary = merge_shards(shards, db, warc_dir)
    except MergeError as exc:
        print(f"forum-archiver merge: {exc}", file=sys.stderr)
        return 1
    print(summary.render())
    return 1 if summary.errors else 0


def _parse(args, parser) -> int:
    from parsers.dates import parse_iso
    from parsers.registry import ENGINES, parse_page

    path = Path(args.file)
    if not path.is_file():
        parser.error(f"no such file: {args.file}")
    if args.engine and args.engine not in ENGINES:
        parser.error(f"unknown engine {args.engine!r}; known: {', '.join(ENGINES)}")
    if args.captured_at:
        captured_at = parse_iso(args.captured_at)
        if captured_at is None:
            parser.error(f"--captured-at is not an ISO 8601 time: {args.captured_at}")
    else:
        captured_at = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    result = parse_page(path.read_bytes(), args.url, captured_at, content_type=args.content_type,
                        engine=args.engine)
    json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _eval(args, parser) -> int:
    from parsers import evaluate, evaluate_report

    root = Path(args.dir)
    if not root.is_dir():
        parser.error(f"no such folder: {args.dir}")
    if args.reposts and not Path(args.reposts).is_file():
        parser.error(f"no such labels file: {args.reposts}")
    from parsers.registry import ENGINES

    if args.engine and args.engine not in ENGINES:
        parser.error(f"unknown engine {args.engine!r}; known: {', '.join(ENGINES)}")
    news_sample = None
    if args.news_gold:
        try:
            news_sample = json.loads(Path(args.news_gold).read_text(encoding="utf-8"))["pages"]
            if not isinstance(news_sample, dict) or not all(isinstance(v, dict) for v in news_sample.values()):
                raise ValueError('"pages" is not an object of records')
        except (OSError, ValueError, KeyError, TypeError) as error:
            parser.error(f"unreadable news gold {args.news_gold}: {type(error).__name__}: {error}")
    report = evaluate.evaluate_dir(root, engine=args.engine, news_sample=news_sample)
    if not report.pages:
        parser.error(f"no *.expected.json with a sibling .html, nor a news benchmark, under {args.dir}")
    reposts = None
    if args.reposts:
        from parsers.evaluate_reposts import evaluate_reposts

        reposts = evaluate_reposts(Path(args.reposts), root)
    if args.json:
        data = evaluate_report.to_json(report)
        if reposts is not None:
            data["reposts"] = reposts.to_json()
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(evaluate_report.render_markdown(report) if args.markdown else evaluate_report.render_text(report), end="")
    if reposts is not None:
        print(reposts.render(), end="")
    return 0


def _demo(args, parser) -> int:
    from crawler.demo import run_demo

    return run_demo(Path(args.out))


if __name__ == "__main__":
    sys.exit(main())
