"""Datasette over an archive database, with the project's metadata and plugin.

``forum-archiver serve`` calls :func:`serve`; tests call :func:`build` and talk to the result
through ``Datasette.client``. Every response carries the headers of
:mod:`archive.browse.security_headers` (the plugin's ``asgi_wrapper``), and serving on anything
but loopback prints :func:`archive.browse.exposure.exposure_warning` first. The plugin is
registered with Datasette's plugin manager here, not through a packaging entry point, so a plain
``datasette`` run elsewhere in the same environment is left as it was. The database is served
mutable (not ``-i``), so a crawl can go on writing it.
"""

from __future__ import annotations

import asyncio
import copy
import signal
import sys
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
METADATA = HERE / "metadata.yaml"
TEMPLATES = HERE / "templates"
# The name the metadata's database block is written under (that of the default data/archive.db).
METADATA_DATABASE = "archive"
# Datasette settings ``forum-archiver serve`` starts from: a post's text cut at 240 characters in
# tables (Datasette's default, 2,048, makes a posts row thousands of pixels tall); row pages and
# the thread reader show it whole.
SERVE_SETTINGS = {"default_page_size": 100, "truncate_cells_html": 240}


@lru_cache(maxsize=1)
def _metadata_file() -> dict:
    import yaml  # comes with Datasette

    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))


def metadata_for(database_name: str, warc_dir: str | Path | None = None, replay_url: str | None = None) -> dict:
    """The project's metadata with its database block filed under ``database_name`` (Datasette
    names a database after its file: ``rebuilt.db`` is served as ``rebuilt``), and, when given,
    the folder of the archive's WARC files as the plugin's ``warc_dir`` (the default is the
    ``warc`` folder beside the database, where crawls and the demo write them) and the base URL of
    a pywb replaying them as its ``replay_url`` (the reader's "view as archived" links)."""
    metadata = copy.deepcopy(_metadata_file())
    databases = metadata.get("databases", {})
    if METADATA_DATABASE in databases and database_name != METADATA_DATABASE:
        databases[database_name] = databases.pop(METADATA_DATABASE)
    plugin = {**({"warc_dir": str(Path(warc_dir).resolve())} if warc_dir is not None else {}),
              **({"replay_url": replay_url} if replay_url else {})}
    if plugin:
        metadata.setdefault("plugins", {})["forum-archiver"] = plugin
    return metadata


def datasette_settings(pairs: list[tuple[str, str]]) -> dict:
    """``--setting NAME VALUE`` pairs as Datasette's settings, checked and typed as ``datasette
    serve --setting`` does it (``default_allow_sql off``); ValueError names the bad one."""
    from datasette.app import DEFAULT_SETTINGS
    from datasette.utils import ValueAsBooleanError, value_as_boolean

    settings = {}
    for name, value in pairs:
        if name not in DEFAULT_SETTINGS:
            raise ValueError(f"{name} is not a Datasette setting (datasette serve --help-settings lists them)")
        default = DEFAULT_SETTINGS[name]
        try:
            if isinstance(default, bool):
                settings[name] = value_as_boolean(value)
            elif isinstance(default, int):
                settings[name] = int(value)
            else:
                settings[name] = value
        except (ValueAsBooleanError, ValueError):
            raise ValueError(f"setting {name} takes {'on/off' if isinstance(default, bool) else 'a number'}, "
                             f"not {value!r}") from None
    return settings


def register_plugin() -> None:
    """Register :mod:`archive.browse.plugin` with Datasette's plugin manager (once)."""
    from datasette.plugins import pm

    from archive.browse import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="forum-archiver")


def build(db_path: str | Path, warc_dir: str | Path | None = None, settings: dict | None = None,
          replay_url: str | None = None):
    """A Datasette instance serving ``db_path`` with the metadata, templates and plugin.

    :param warc_dir: where the archive's WARC files are (default: ``warc/`` beside the database)
    :param settings: Datasette settings over the project's defaults
    :param replay_url: the base URL of a pywb replaying the archive, for "view as archived" links
    """
    try:
        from datasette.app import Datasette
    except ImportError:
        raise SystemExit("forum-archiver serve needs Datasette, from the browse extra: pip install -e '.[browse]'") from None

    register_plugin()
    return Datasette([str(db_path)], metadata=metadata_for(Path(db_path).stem, warc_dir, replay_url),
                     template_dir=str(TEMPLATES),
                     settings={**SERVE_SETTINGS, **(settings or {})})


def serve(db_path: str | Path, host: str, port: int, warc_dir: str | Path | None = None,
          settings: dict | None = None, replay: bool = False, replay_port: int | None = None,
          pywb: str | None = None) -> None:
    """Serve ``db_path`` on ``host:port`` until interrupted (what ``datasette serve`` does).
    The defaults (127.0.0.1, port 8001, Datasette's own) are the ``forum-archiver serve`` options'.
    On a host other than loopback it first warns, on stderr, who can then read the archive.

    With ``replay``, a pywb over the archive's WARC files (archive/pywb_replay.py) runs beside it,
    on the same host (``replay_port``, default a free one), for as long as the server does, and
    every post in the thread reader links to its capture there ("view as archived"). The pywb
    index is built as the server starts: captures written after that need a restart to show.
    """
    import uvicorn

    from archive.browse.exposure import exposure_warning
    from archive.pywb_replay import start_replay

    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    replaying = None
    if replay:
        # uvicorn ends on SIGTERM by raising the signal again once it has shut down; with the
        # default action that kills the process before the ``finally`` below stops pywb. Turned
        # into SystemExit, it unwinds through it.
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
        replaying = start_replay(warc_dir or Path(db_path).parent / "warc", host=host, port=replay_port, wayback=pywb)
    try:
        datasette = build(db_path, warc_dir, settings, replay_url=replaying.url if replaying else None)
        asyncio.run(datasette.invoke_startup())
        print(f"serving {db_path} at http://{host}:{port}/ (thread reader: http://{host}:{port}/-/thread?id=...)",
              flush=True)
        if replaying:
            print(f"replaying its WARC files in pywb at {replaying.url} (\"view as archived\" in the reader)",
                  flush=True)
        uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
    finally:
        if replaying:
            replaying.stop()


def _exit_on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)
