"""The engine's name, its page size and the JSON value readers the Flarum modules share."""

from __future__ import annotations

from ..json_values import as_dict, as_id, as_int, as_list, as_text  # noqa: F401 - shared by this package's modules

ENGINE = "flarum"
PAGE_SIZE = 20  # posts a noscript page shows and an API answer holds by default (Discussion.php, ListPostsController)
