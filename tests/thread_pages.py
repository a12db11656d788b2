"""Invision-style thread pages written to a folder for the sample server to serve.

Hand-written for these tests from the markup the project's IPS parser keys on (elComment_ ids,
data-quotedata, ipsPagination with data-pages, the next link), not copied from any board.
"""

from __future__ import annotations

import shutil
from pathlib import Path

TOPIC = "topic/55-history"
PAGE = """<!DOCTYPE html><html lang="en"><head><title>History - Board</title>
<link rel="canonical" href="{{{{BASE_URL}}}}/{topic}/{suffix}"></head>
<body class="ipsApp"><h1 class="ipsType_pageTitle">History</h1>
<ul class="ipsPagination" data-pages="{pages}" data-ipsPagination-perPage="3">{next}</ul>{posts}</body></html>"""
NEXT = '<li class="ipsPagination_next"><a href="{{{{BASE_URL}}}}/{topic}/page/{n}/" rel="next">Next</a></li>'
POST = """<article id="elComment_{id}" class="cPost ipsComment">
<aside class="cAuthorPane"><h3 class="cAuthorPane_author"><a href="{{{{BASE_URL}}}}/profile/{uid}-m/">member{uid}</a></h3></aside>
<div id="comment-{id}_wrap" data-commentid="{id}" data-quotedata='{{"userid":{uid},"username":"member{uid}","timestamp":{ts}}}'>
<div class="ipsComment_meta"><time datetime="2024-01-0{day}T10:00:00Z">Jan</time></div>
<div data-role="commentContent"><p>{text}</p></div></div></article>"""


def write_thread(root: Path, posts: list[tuple[int, str]], topic: str = TOPIC, per_page: int = 3) -> None:
    """Pages of ``per_page`` posts each, as the sample server serves them; the topic's folder is
    written afresh, other topics in ``root`` are left as they are."""
    if (root / topic).exists():
        shutil.rmtree(root / topic)
    pages = [posts[i:i + per_page] for i in range(0, len(posts), per_page)]
    for number, chunk in enumerate(pages, start=1):
        folder = root / topic if number == 1 else root / topic / "page" / str(number)
        folder.mkdir(parents=True)
        body = "".join(POST.format(id=pid, uid=pid % 7 + 1, ts=1704103200 + pid, day=pid % 9 + 1, text=text)
                       for pid, text in chunk)
        following = NEXT.format(topic=topic, n=number + 1) if number < len(pages) else ""
        suffix = "" if number == 1 else f"page/{number}/"
        (folder / "index.html").write_text(PAGE.format(topic=topic, suffix=suffix, pages=len(pages), next=following,
                                                       posts=body), encoding="utf-8")
