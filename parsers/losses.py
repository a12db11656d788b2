"""Which of a thread page's errors say that posts, or the thread's next page, were not read.

Why: a thread page read with errors is still stored (its posts in the database, its bytes in the
WARC), and most errors are caveats on what was read: times read as UTC where the page names no
zone, a deleted account's post without an author, an edit whose time is not printed. Some say
that part of the thread is missing: a post the page holds that no post read has, a page shorter
than the board prints it, a page cut short, a next page the page counts but does not link. A crawl
that ends "finished, nothing lost" over such a page is the silent loss this project must never
have: the forum spider records each such page as a crawl error of kind ``incomplete`` (so the run
exits 1 and ``forum-archiver check`` lists it), and :func:`lost_content` is how it tells them.

The marks are the words each check puts in its errors (``tests/test_parsers_losses.py`` runs
every check and asserts its error is caught here, so a reworded error cannot slip out).
"""

from __future__ import annotations

from .browser_tree import SKIPPED_POST_MARK
from .models import PageResult

LOSS_MARKS = (
    # A post block the engine found but could not read (the engines' common wording, and their
    # "...; not read" for a block without its body or number).
    SKIPPED_POST_MARK,
    "; not read",
    # A post the page names by its id that no post read has (parsers.post_blocks.say_unread_posts).
    "its block was not read",
    # Fewer posts than the page should hold (parsers.pagination.say_short_page, vBulletin's
    # "Results 16 to 30"), or a page cut short (parsers.registry.CUT_SHORT).
    "may be missing",
    # A next page counted and not linked (parsers.registry.say_missing_next_page).
    "no link to the next page found",
    # What the HTML parser gave up on (parsers.page_tree).
    "the rest of the page is missing",
)


def lost_content(result: PageResult) -> list[str]:
    """The errors of a thread page that say part of the thread was not read (see the module's
    docstring); none for any other kind of result."""
    if result.kind != "thread_page":
        return []
    return [error for error in result.errors if any(mark in error for mark in LOSS_MARKS)]
