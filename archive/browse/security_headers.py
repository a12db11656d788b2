"""Security headers on every response ``forum-archiver serve`` sends: Datasette's pages and the plugin's.

The archive holds what strangers wrote. Its markup is sanitised, but the pages add a second wall
that does not depend on the sanitiser being right: a Content-Security-Policy under which the
browser loads nothing from anywhere but this server (no remote script, style, image, font, frame
or connection, so no tracking pixel and no exfiltration), runs no script but Datasette's own
(its files under ``/-/static/``, and its few inline scripts by hash), and may not be framed.

Inline styles stay allowed (``style-src 'self' 'unsafe-inline'``): Datasette's templates colour
headings with ``style=""`` attributes whose values depend on the database, which a hash cannot
name, and its table, row and query pages carry ``<style>`` blocks. An injected style could at worst
restyle the page: with ``img-src``, ``font-src`` and ``style-src`` confined to this server a CSS
``url()`` or ``@import`` reaches nowhere else, and stored markup keeps no ``style`` anyway.

The inline scripts' hashes are computed from Datasette's installed templates when the policy is
first built, so they follow the installed version; a script whose text depends on a template
variable is hashed for each value in :data:`TEMPLATE_VALUES`, and one depending on anything else
(a plugin's ``extra_body_script``) is left unhashed, so it does not run.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from functools import lru_cache
from pathlib import Path

# Values a template variable inside an inline <script> can take (datasette/views/table.py).
TEMPLATE_VALUES = {"datasette_allow_facet": ("true", "false")}
_INLINE_SCRIPT = re.compile(r"<script(?:\s+type=\"module\")?\s*>(.*?)</script>", re.DOTALL)


def datasette_templates() -> Path:
    import datasette

    return Path(datasette.__file__).resolve().parent / "templates"


def inline_scripts(folder: Path) -> set[str]:
    """The text of every inline script the templates in ``folder`` can render."""
    from jinja2 import Environment, meta

    environment = Environment(autoescape=True, keep_trailing_newline=True)
    found: set[str] = set()
    for template in sorted(folder.glob("*.html")):
        for body in _INLINE_SCRIPT.findall(template.read_text(encoding="utf-8")):
            if "{{" not in body and "{%" not in body:
                found.add(body)
                continue
            names = sorted(meta.find_undeclared_variables(environment.parse(body)))
            if not names or any(name not in TEMPLATE_VALUES for name in names):
                continue
            compiled = environment.from_string(body)
            for values in itertools.product(*(TEMPLATE_VALUES[name] for name in names)):
                found.add(compiled.render(dict(zip(names, values))))
    return found


def script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=1)
def content_security_policy() -> str:
    """The policy of every page; see the module's docstring for why each part is what it is."""
    hashes = sorted(script_hash(script) for script in inline_scripts(datasette_templates()))
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *hashes]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "media-src": "'self'",
        "object-src": "'none'",
        "frame-src": "'none'",
        "frame-ancestors": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
    }


def with_security_headers(app):
    """ASGI middleware adding :func:`security_headers` to every HTTP response that lacks them (a
    route may send a stricter policy of its own, as the archived-image route does)."""
    headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in security_headers().items()]

    async def wrapped(scope, receive, send):
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in headers if name not in present]
                message = dict(message, headers=[*message.get("headers", []), *extra])
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped
