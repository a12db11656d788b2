"""The line protocol between ``bench/peers.py`` and a peer tool's runner, and the runner's loop.

Why a long-lived process per peer: each peer runs in its own virtualenv (its own Python and
dependencies), so it cannot be imported into the bench. The bench starts one runner per peer and
sends it commands, one JSON object a line on stdin, taking turns with forum-archiver's own parse
(A B C A B C ...), so a busy spell of the machine slows every tool alike. Clocks run inside the
runner around the tool's parse calls only: process start-up, imports and the pipe cost nothing.

Commands and answers (one JSON line each):

- ``{"cmd": "load", "pages": [{"name", "path", "url", "engine"}, ...]}`` -> the posts the tool
  extracts from each page: ``{"pages": [{"name", "posts": [{"id", "url", "author", "author_url",
  "date", "text"}], "error"}]}``. ``text`` is what the tool gives (often HTML); ``error`` is the
  exception the tool raised, or null.
- ``{"cmd": "time", "passes": N, "names": [...]}`` -> ``{"seconds": {name: s, ...}}``: for each
  named loaded page (all of them without "names") the time of ``N`` parses in a row.
- ``{"cmd": "quit"}`` ends the runner.

Standard library only: this module runs under the peers' Pythons, not the project's.
"""

from __future__ import annotations

import gc
import json
import socket
import sys
import time
from pathlib import Path
from typing import Callable

# A parse function takes (page bytes, url, engine) and returns the tool's posts as plain dicts.
ParseFunction = Callable[[bytes, str, str], list]


def forbid_network() -> None:
    """Make any socket connection fail loudly: the peers must parse saved bytes, never fetch."""

    def refuse(self, address, *args, **kwargs):
        raise ConnectionRefusedError(f"the benchmark forbids network access (tried {address})")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = lambda address, *args, **kwargs: refuse(None, address)


def serve(parse: ParseFunction, prepare: Callable[[bytes, str, str], object] | None = None) -> None:
    """Answer commands on stdin until "quit" or end of input.

    ``prepare`` (optional) builds per-call state outside the clock (a fresh session object, for
    a tool whose session refuses to fetch the same URL twice); ``parse`` then receives it as a
    fourth argument.
    """
    forbid_network()
    pages: list[dict] = []
    for line in sys.stdin:
        command = json.loads(line)
        if command["cmd"] == "quit":
            break
        if command["cmd"] == "load":
            pages = [dict(page, body=Path(page["path"]).read_bytes()) for page in command["pages"]]
            answer = {"pages": [extract(parse, prepare, page) for page in pages]}
        elif command["cmd"] == "time":
            names = set(command.get("names") or [page["name"] for page in pages])
            answer = {"seconds": {page["name"]: timed(parse, prepare, page, command["passes"])
                                  for page in pages if page["name"] in names}}
        else:
            answer = {"error": f"unknown command {command['cmd']!r}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def arguments(prepare, page: dict) -> tuple:
    """The parse call's arguments, with the state ``prepare`` builds (outside the clock)."""
    args = (page["body"], page["url"], page["engine"])
    return args + (prepare(*args),) if prepare else args


def extract(parse: ParseFunction, prepare, page: dict) -> dict:
    try:
        posts = parse(*arguments(prepare, page))
        error = None
    except Exception as exc:  # a peer failing a page is a finding to report, not a crash
        first_line = (str(exc).strip().splitlines() or [""])[0]
        posts, error = [], f"{type(exc).__name__}: {first_line}"[:200]
    return {"name": page["name"], "posts": posts, "error": error}


def timed(parse: ParseFunction, prepare, page: dict, passes: int) -> float:
    total = 0.0
    for _ in range(passes):
        try:
            args = arguments(prepare, page)
        except Exception:
            return total  # the tool has nothing to run on this page ("load" said why)
        gc.collect()
        start = time.perf_counter()
        try:
            parse(*args)
        except Exception:
            pass  # already reported by "load"; the time spent failing still counts
        total += time.perf_counter() - start
    return total
