"""The parse output of every saved page, as one digest per (page, engine): the proof that a speed
change changed nothing a user can see.

Why: speed work rewrites the hot paths of the parsers (sanitising, detection, repost gates, news
bodies). The accuracy tables only sample what the gold covers; this covers every field of every
result on every page the project has: ``../shared/fixtures/real`` (forum pages, news pages and the
news bench), the project's own test pages (``tests/data``) and the sample board
(``crawler/demo_site``). Each page is parsed auto-detected and once with each engine forced, at a
fixed capture time and with no time budget, and the whole :class:`PageResult` (every dataclass
field, not only what ``to_dict`` shows) is hashed.

    .venv/bin/python bench/parse_digest.py --write before.json     # before the change
    .venv/bin/python bench/parse_digest.py --compare before.json   # after: exit 1 on any difference
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.registry import ENGINES, parse_page  # noqa: E402

CAPTURED_AT = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)
PAGE_SUFFIXES = (".html", ".htm", ".json", ".html.gz")


def page_files() -> list[Path]:
    """Every saved page, in a fixed order."""
    roots = [ROOT.parent / "shared" / "fixtures" / "real", ROOT / "tests" / "data", ROOT / "crawler" / "demo_site"]
    files = []
    for root in roots:
        if root.is_dir():
            files.extend(p for p in root.rglob("*") if p.is_file() and p.name.endswith(PAGE_SUFFIXES))
    return sorted(files)


def page_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def content_type(path: Path) -> str:
    return "application/json" if path.name.endswith(".json") else "text/html; charset=utf-8"


def digest(result) -> str:
    """sha256 of every field of the result, dates included, in a stable serialisation. ``requisites``
    is read only when the crawler asks (None here, and left out, so digests written before it
    existed still compare)."""
    fields = dataclasses.asdict(result)
    if fields.get("requisites") is None:
        fields.pop("requisites", None)
    data = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def digests(files: list[Path], engines: bool = True) -> dict[str, str]:
    out = {}
    for path in files:
        body = page_bytes(path)
        name = str(path.relative_to(ROOT.parent))
        url = "https://example.org/" + path.name.replace(".gz", "")
        for engine in [None, *(ENGINES if engines else ())]:
            result = parse_page(body, url, CAPTURED_AT, content_type(path), engine=engine, budget_seconds=None)
            out[f"{name} [{engine or 'auto'}]"] = digest(result)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", type=Path, help="write the digests to this JSON file")
    parser.add_argument("--compare", type=Path, help="compare with digests written earlier; exit 1 on a difference")
    parser.add_argument("--auto-only", action="store_true", help="auto-detected only, no forced engines")
    args = parser.parse_args(argv)
    files = page_files()
    now = digests(files, engines=not args.auto_only)
    print(f"{len(files)} pages, {len(now)} parse outputs")
    if args.write:
        args.write.write_text(json.dumps(now, indent=1, sort_keys=True))
    if args.compare:
        before = json.loads(args.compare.read_text())
        changed = sorted(k for k in now if k in before and before[k] != now[k])
        missing = sorted(set(before) - set(now))
        added = sorted(set(now) - set(before))
        for key in changed:
            print(f"changed: {key}")
        for key in missing:
            print(f"missing now: {key}")
        print(f"{len(now) - len(changed) - len(added)} identical, {len(changed)} changed, "
              f"{len(missing)} missing, {len(added)} new")
        return 1 if changed or missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
