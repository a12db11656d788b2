"""Writes the slow-thread fixture: a 30-page Invision Community thread, two posts a page.

    python tests/data/slow_thread/generate.py

Pages go to ``topic/9000-slow-thread/`` (page 1) and ``topic/9000-slow-thread/page/N/``, with the
``{{BASE_URL}}`` placeholder the sample server fills in. Used by tests/test_crash_safety.py.
"""

from pathlib import Path

PAGES = 30
HERE = Path(__file__).resolve().parent
TOPIC = "/topic/9000-slow-thread/"


def page_url(n: int) -> str:
    return "{{BASE_URL}}" + TOPIC + (f"page/{n}/" if n > 1 else "")


POST = """<article id="elComment_{id}" class="cPost ipsBox ipsComment ipsComment_parent ipsClearfix">
  <aside class="ipsComment_author cAuthorPane">
    <h3 class="ipsType_sectionHead cAuthorPane_author"><strong><a href='{{{{BASE_URL}}}}/profile/{uid}-member{uid}/' class="ipsType_break">member{uid}</a></strong></h3>
  </aside>
  <div class="ipsColumn ipsColumn_fluid">
    <div id="comment-{id}_wrap" data-controller="core.front.core.comment" data-commentid="{id}" data-quotedata='{{"userid":{uid},"username":"member{uid}","timestamp":{ts},"contentid":9000}}' class="ipsComment_content ipsType_medium">
      <div class="ipsComment_meta ipsType_light ipsFlex ipsFlex-ai:center ipsFlex-jc:between ipsFlex-fd:row-reverse">
        <div class="ipsType_reset ipsResponsive_hidePhone">
          <a href="{{{{BASE_URL}}}}/topic/9000-slow-thread/?do=findComment&amp;comment={id}" rel="nofollow" class="ipsType_blendLinks">Posted <time datetime='{date}' title='x' data-short='Nov 9'>November 9, 2021</time></a>
        </div>
      </div>
      <div class="cPost_contentWrap">
        <div data-role="commentContent" class="ipsType_normal ipsType_richText ipsPadding_bottom ipsContained">
          <p>Post number {position} of the slow thread, written by member{uid}. I think the market will move soon.</p>
        </div>
      </div>
    </div>
  </div>
</article>
"""


def page(n: int) -> str:
    # The quote data's timestamp is the post's own time, as IPS writes both from the comment's date
    # (2021-11-09T00:00:00Z is 1636416000): the parser reads it when a theme drops the meta line.
    posts = "".join(POST.format(id=500000 + (n - 1) * 2 + i, uid=100 + i, ts=1636416000 + (n % 24) * 3600 + i * 60,
                                date=f"2021-11-09T{(n % 24):02d}:{i:02d}:00Z", position=(n - 1) * 2 + i + 1)
                    for i in range(2))
    links = f'<link rel="canonical" href="{page_url(n)}">\n'
    if n > 1:
        links += f'<link rel="prev" href="{page_url(n - 1)}">\n'
    if n < PAGES:
        links += f'<link rel="next" href="{page_url(n + 1)}">\n'
    pagination = f"""<ul class='ipsPagination' data-pages='{PAGES}' data-ipsPagination data-ipsPagination-pages="{PAGES}" data-ipsPagination-perPage='2'>
  {f"<li class='ipsPagination_next'><a href='{page_url(n + 1)}' rel='next' data-page='{n + 1}'>Next</a></li>" if n < PAGES else ""}
</ul>"""
    return f"""<!DOCTYPE html>
<html lang="en-US" dir="ltr">
<head>
<meta charset="utf-8">
<title>Slow thread - Page {n} - Political News - Sample Forum</title>
<meta name="generator" content="Invision Community">
{links}</head>
<body class="ipsApp ipsApp_front ipsJS_none ipsClearfix" data-controller="core.front.core.app">
<nav class="ipsBreadcrumb ipsBreadcrumb_top ipsFaded_withHover" data-role="breadcrumbs">
  <ul data-role="breadcrumbList">
    <li><a href='{{{{BASE_URL}}}}/'><span>Home</span></a></li>
    <li><a href='{{{{BASE_URL}}}}/forum/12-political-news/'><span>Political News</span></a></li>
    <li>Slow thread</li>
  </ul>
</nav>
<div class="ipsPageHeader ipsResponsive_pull ipsBox ipsPadding sm:ipsPadding:half ipsMargin_bottom">
  <h1 class="ipsType_pageTitle ipsContained_container"><span class="ipsType_break ipsContained"><span>Slow thread</span></span></h1>
</div>
<div data-controller="core.front.core.commentFeed" data-feedID="forums-ips_forums_topic-9000" data-baseURL="{{{{BASE_URL}}}}/topic/9000-slow-thread/">
{pagination}
<div data-role="commentFeed">
{posts}</div>
</div>
</body>
</html>
"""


def main() -> None:
    for n in range(1, PAGES + 1):
        folder = HERE / "pages" / TOPIC.strip("/") / (f"page/{n}" if n > 1 else "")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(page(n), encoding="utf-8")


if __name__ == "__main__":
    main()
