"""What a FluxBB/PunBB post links to and shows, outside its quotes."""

from __future__ import annotations

from ..html_text import element_text, iter_outside
from ..markup import show_real_addresses as _absolute
from ..models import Link

# Quotes (both layouts) are the quoted member's links and pictures, not the poster's.
_QUOTE_TAGS = frozenset({"blockquote", "cite"})


def show_real_addresses(element, page_url: str) -> None:
    """Absolute links and image addresses (FluxBB writes them as the poster typed them, or relative)."""
    _absolute(element, page_url)


def references(body) -> tuple[list[Link], list[Link]]:
    """Links and images of the poster's own words; smileys (``img/smilies/``) are left out."""
    links = []
    for anchor in iter_outside(body, ("a",), skip=_QUOTE_TAGS):
        href = anchor.get("href")
        if href and not href.startswith(("#", "javascript:")):
            links.append(Link(href, element_text(anchor) or None))
    images = []
    for image in iter_outside(body, ("img",), skip=_QUOTE_TAGS):
        src = image.get("src")
        if src and not src.startswith("data:") and "/smilies/" not in src and not src.startswith("smilies/"):
            images.append(Link(src, image.get("alt")))
    return links, images
