"""What a FluxBB/PunBB post links to and shows, outside its quotes."""

from __future__ import annotations

from ..html_text import element_text, iter_outside
from ..models import Link
from .quotes import QUOTE_TAGS as _QUOTE_TAGS  # quotes (both layouts) hold the quoted member's links, not the poster's


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
