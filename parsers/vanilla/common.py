"""The engine's name, the page sizes Vanilla uses, and the JSON value readers the Vanilla modules share."""

from __future__ import annotations

from .. import json_values
from ..json_values import as_dict, as_id, as_list, as_text  # noqa: F401 - shared by this package's modules

ENGINE = "vanilla"

# Comments a discussion page shows when the page does not say (Vanilla's default
# ``Vanilla.Comments.PerPage``), and the ``limit`` the crawler asks of ``/api/v2/comments``
# (the API's own default).
COMMENTS_PER_PAGE = 30
API_PAGE_SIZE = 30


def as_int(value) -> int | None:
    """A whole number from JSON or markup, thousands separators allowed ("1,234"), or None."""
    return json_values.as_int(value.replace(",", "") if isinstance(value, str) else value)
