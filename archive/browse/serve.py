"""Datasette over an archive database, with the project's metadata and plugin.

``forum-archiver serve`` calls :func:`serve`; tests call :func:`build` and talk to the result
through ``Datasette.client``. The plugin is registered with Datasette's plugin manager here, not
through a packaging entry point, so a plain ``datasette`` run elsewhere in the same environment
is left as it was. The database is served mutable (not ``-i``), so a crawl can go on writing it.
"""

from __future__ import annotations

import asyncio
import copy
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
METADATA = HERE / "metadata.yaml"
TEMPLATES = HERE / "templates"
# The name the metadata's database block is written under (that of the default data/archive.db).
METADATA_DATABASE = "archive"


@lru_cache(maxsize=1)
def _metadata_file() -> dict:
    import yaml  # comes with Datasette

    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))


def metadata_for(database_name: str) -> dict:
    """The project's metadata with its database block filed under ``database_name`` (Datasette
    names a database after its file: ``rebuilt.db`` is served as ``rebuilt``)."""
    metadata = copy.deepcopy(_metadata_file())
    databases = metadata.get("databases", {})
    if METADATA_DATABASE in databases and database_name != METADATA_DATABASE:
        databases[database_name] = databases.pop(METADATA_DATABASE)
    return metadata


def register_plugin() -> None:
    """Register :mod:`archive.browse.plugin` with Datasette's plugin manager (once)."""
    from datasette.plugins import pm

    from archive.browse import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="forum-archiver")


def build(db_path: str | Path):
    """A Datasette instance serving ``db_path`` with the metadata, templates and plugin."""
    try:
        from datasette.app import Datasette
    except ImportError:
        raise SystemExit("forum-archiver serve needs Datasette, from the browse extra: pip install -e '.[browse]'") from None

    register_plugin()
    return Datasette([str(db_path)], metadata=metadata_for(Path(db_path).stem), template_dir=str(TEMPLATES),
                     settings={"default_page_size": 100})


def serve(db_path: str | Path, host: str, port: int) -> None:
    """Serve ``db_path`` on ``host:port`` until interrupted (what ``datasette serve`` does).
    The defaults (127.0.0.1, port 8001, Datasette's own) are the ``forum-archiver serve`` options'."""
    import uvicorn

    datasette = build(db_path)
    asyncio.run(datasette.invoke_startup())
    print(f"serving {db_path} at http://{host}:{port}/ (thread reader: http://{host}:{port}/-/thread?id=...)",
          flush=True)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
