"""Which tree gives every post its own author on broken markup: lxml's, the browser's, or both in turn?

Why: ``parse_page`` reads a page from lxml's tree and, when its posts come out mixed up, again
from the tree a browser builds (``parsers/browser_tree.py``). This measures that choice instead of
assuming it. For each real thread page of ``../shared/fixtures/real`` with at least 3 posts, one
stray tag pair (21 kinds × 21 kinds: table parts, ``div``, ``form``, list items, formatting) is put
into the words of the first and the third post, and the page is parsed three ways:

- ``lxml``: from lxml's tree only (the engine forced, no second reading);
- ``browser``: from html5lib's tree only;
- ``shipped``: ``parse_page`` as the crawler calls it (lxml's tree, then the browser's when needed).

A case is right when every post keeps the id and author it has on the unbroken page. The figures
are counts of right cases per page; the README quotes them for the html5lib dependency.

    .venv/bin/python bench/browser_tree.py [--pages N]
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsel import Selector  # noqa: E402

from parsers.browser_tree import browser_tree  # noqa: E402
from parsers.html_text import decode_body  # noqa: E402
from parsers.page_tree import page_tree  # noqa: E402
from parsers.registry import ENGINES, parse_page  # noqa: E402

REAL = ROOT.parent / "shared" / "fixtures" / "real"
CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)
STRAY_TAGS = ("<td>", "<tr>", "<tbody>", "</td>", "</tr>", "</tbody>", "</table>", "<table>", "</div>", "<div>",
              "<form>", "</form>", "</li>", "<li>", "</blockquote>", "</p>", "<p>", "</span>", "<center>",
              "</center>", "</font>")
# Where a post's words start, per engine's markup (the opening tag of the body element).
BODY_START = re.compile(r'<(?:div|blockquote|section)[^>]*\b(?:class="(?:[^"]* )?(?:content|post_body|inner|postbody|'
                        r'messageContent|bbWrapper|cooked|ipsType_richText|post-content|post_message)[ "]|'
                        r'id="(?:post_message_|msg_|pid_)\d+")[^>]*>')


def signature(result) -> list[tuple[str, str | None]]:
    return [(post.post_id, post.author.name) for post in result.posts]


def from_tree(root, url: str, engine: str):
    """The engine's reading of one tree, without the registry's second reading."""
    return ENGINES[engine].parse(Selector(root=root, type="html"), url, CAPTURED)


def measure(path: Path) -> dict | None:
    raw = path.read_bytes()
    url = f"https://{path.stem}.example/"
    whole = parse_page(raw, url, CAPTURED)
    if whole.kind != "thread_page" or len(whole.posts) < 3 or whole.engine not in ENGINES:
        return None
    text = decode_body(raw, None)
    starts = [match.end() for match in BODY_START.finditer(text)]
    if len(starts) < 3:
        return None
    want = signature(whole)
    counts = {"cases": 0, "lxml": 0, "browser": 0, "shipped": 0}
    for first, third in itertools.product(STRAY_TAGS, STRAY_TAGS):
        broken = text[:starts[0]] + first + text[starts[0]:starts[2]] + third + text[starts[2]:]
        counts["cases"] += 1
        counts["lxml"] += signature(from_tree(page_tree(broken)[0], url, whole.engine)) == want
        counts["browser"] += signature(from_tree(browser_tree(broken), url, whole.engine)) == want
        counts["shipped"] += signature(parse_page(broken.encode("utf-8"), url, CAPTURED,
                                                  "text/html; charset=utf-8")) == want
    return {"page": f"{path.parent.name}/{path.stem}", "engine": whole.engine, "posts": len(want), **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="measure only this many pages (0: all)")
    args = parser.parse_args()
    if not REAL.is_dir():
        sys.exit(f"no {REAL.relative_to(ROOT.parent)}: nothing to measure")
    pages = sorted(p for p in REAL.glob("*/*.html") if p.parent.name not in ("news", "news-bench"))
    rows = []
    for path in pages[:args.pages or None]:
        row = measure(path)
        if row:
            rows.append(row)
            print(f"{row['page']:<45} {row['engine']:<10} posts {row['posts']:>3}  right of {row['cases']}: "
                  f"lxml {row['lxml']:>3}  browser {row['browser']:>3}  shipped {row['shipped']:>3}", flush=True)
    total = {key: sum(row[key] for row in rows) for key in ("cases", "lxml", "browser", "shipped")}
    print(f"{'all ' + str(len(rows)) + ' pages':<56} right of {total['cases']}: lxml {total['lxml']}  "
          f"browser {total['browser']}  shipped {total['shipped']}")


if __name__ == "__main__":
    main()
