"""Tables of an evaluation report (``forum-archiver eval``): plain text, Markdown and JSON.

The scoring lives in :mod:`parsers.evaluate`; this module only lays its :class:`Report` out.
"""

from __future__ import annotations

from collections import Counter

from .evaluate import (DEFAULT_CAPTURE, F1_FIELDS, F1_THRESHOLD, HARVEST_FIELDS, NEWS_F1_THRESHOLD, NEWS_FIELDS,
                       NEWS_SAMPLE_FIELDS, TIPTOPJAW_FIELDS, VERDICTS, BodyScore, Report, short)

_FIELDS = {"harvest": HARVEST_FIELDS, "tiptopjaw": TIPTOPJAW_FIELDS, "news": NEWS_FIELDS,
           "news-sample": NEWS_SAMPLE_FIELDS}


def table_rows(report: Report) -> list[dict]:
    """One row per (engine, gold format, field); engines by name with "none" last."""
    def order(key):
        engine, gold, name = key
        fields = _FIELDS.get(gold, ())
        return (engine == "none", engine, gold, fields.index(name) if name in fields else 99)
    rows = []
    for key in sorted(report.scores, key=order):
        score = report.scores[key]
        rows.append({"engine": key[0], "gold": key[1], "field": key[2], "correct": score.correct,
                     "total": score.total, "accuracy": score.accuracy,
                     "mean_f1": score.mean_f1 if key[2] in F1_FIELDS else None})
    return rows


def verdict_rows(report: Report) -> list[dict]:
    """One row per (engine that gave the result, verdict): pages, posts found, the posts per-post
    gold lists, gold authors and dates right (per post, and the starter of page-level gold).
    "none" is a page no parser claimed; an engine with ``unsupported`` declined a page it claimed."""
    def order(key):
        engine, kind = key
        return (engine == "none", engine, VERDICTS.index(kind) if kind in VERDICTS else 99)
    rows = []
    for key in sorted(report.verdicts, key=order):
        tally = report.verdicts[key]
        rows.append({"engine": key[0], "verdict": key[1], "pages": tally.pages, "posts": tally.posts,
                     "gold_posts": tally.gold_posts, "authors_right": tally.authors.correct,
                     "authors_total": tally.authors.total, "dates_right": tally.dates.correct,
                     "dates_total": tally.dates.total})
    return rows


def body_rows(report: Report) -> list[dict]:
    """News bodies per folder of pages (``news``, ``news-bench``, ...), then all of them when there are
    several folders: pages, pages not read, mean token precision, recall and F1 (a page not read
    scores 0 on each), and pages at F1 >= ``NEWS_F1_THRESHOLD``."""
    groups: dict[str, list[BodyScore]] = {}
    for body in report.bodies:
        groups.setdefault(body.page.rpartition("/")[0] or ".", []).append(body)
    if len(groups) > 1:
        groups["all"] = list(report.bodies)
    rows = []
    for folder, bodies in groups.items():
        n = len(bodies)
        rows.append({"folder": folder, "pages": n, "not_read": sum(b.engine == "none" for b in bodies),
                     "precision": sum(b.precision for b in bodies) / n, "recall": sum(b.recall for b in bodies) / n,
                     "f1": sum(b.f1 for b in bodies) / n,
                     "at_threshold": sum(b.f1 >= NEWS_F1_THRESHOLD for b in bodies)})
    return rows


def sample_rows(report: Report) -> list[dict]:
    """``--news-gold``: per field, right over all engines (a page not read is wrong on every field)."""
    rows = []
    for name in NEWS_SAMPLE_FIELDS:
        scores = [s for (_, gold, field), s in report.scores.items() if gold == "news-sample" and field == name]
        correct, total = sum(s.correct for s in scores), sum(s.total for s in scores)
        rows.append({"field": name, "correct": correct, "total": total, "accuracy": correct / total if total else None})
    return rows


def page_counts(report: Report) -> list[dict]:
    counts = Counter((p.engine, p.gold, p.kind) for p in report.pages)
    return [{"engine": e, "gold": g, "kind": k, "pages": n}
            for (e, g, k), n in sorted(counts.items(), key=lambda item: (item[0][0] == "none", item[0]))]


def to_json(report: Report) -> dict:
    return {
        "default_capture": DEFAULT_CAPTURE.isoformat(),
        "f1_threshold": F1_THRESHOLD,
        "forced_engine": report.forced_engine,
        "verdicts": verdict_rows(report),
        "scores": table_rows(report),
        "pages": [vars(p) for p in report.pages],
        "page_counts": page_counts(report),
        "misses": [vars(m) for m in report.misses],
        "news_f1_threshold": NEWS_F1_THRESHOLD,
        "news_bodies": body_rows(report),
        "news_body_pages": [vars(b) for b in report.bodies],
        **({"news_sample": {"pages_found": report.news_sample[0], "pages": report.news_sample[1],
                            "fields": sample_rows(report)}} if report.news_sample is not None else {}),
    }


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _ratio(right: int, total: int) -> str:
    return f"{right}/{total} ({percent(right / total)})" if total else "-"


def _cells(row: dict) -> list[str]:
    mean = "" if row["mean_f1"] is None else f"{row['mean_f1']:.3f}"
    return [row["engine"], row["gold"], row["field"], str(row["correct"]), str(row["total"]),
            percent(row["accuracy"]), mean]


def _sections(report: Report) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) for the score table, the page counts, pages no parser read, misses."""
    no_parser = [p for p in report.pages if p.kind not in ("thread_page", "article_page")]
    forced = f", every page parsed with --engine {report.forced_engine}" if report.forced_engine else ""
    news = []
    if report.bodies:
        news.append(("News bodies: main article against the gold body, token P/R/F1 (a page not read scores 0)",
                     ["folder", "pages", "not read", "mean P", "mean R", "mean F1", f"F1 >= {NEWS_F1_THRESHOLD}"],
                     [[r["folder"], str(r["pages"]), str(r["not_read"]), f"{r['precision']:.3f}",
                       f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                       f"{r['at_threshold']} ({percent(r['at_threshold'] / r['pages'])})"]
                      for r in body_rows(report)]))
    if report.news_sample is not None:
        found, total = report.news_sample
        news.append((f"News gold (--news-gold): title, authors, published of the main article "
                     f"({found} of its {total} pages found)", ["field", "correct", "total", "accuracy"],
                     [[r["field"], str(r["correct"]), str(r["total"]), percent(r["accuracy"])]
                      for r in sample_rows(report)]))
    return [
        (f"By engine and verdict{forced}", ["engine", "verdict", "pages", "posts found", "gold posts",
                                            "authors right", "dates right"],
         [[r["engine"], r["verdict"], str(r["pages"]), str(r["posts"]), str(r["gold_posts"] or "-"),
           _ratio(r["authors_right"], r["authors_total"]), _ratio(r["dates_right"], r["dates_total"])]
          for r in verdict_rows(report)]),
        ("Accuracy", ["engine", "gold", "field", "correct", "total", "accuracy", "mean F1"],
         [_cells(row) for row in table_rows(report)]),
        ("Pages", ["engine", "gold", "kind", "pages"],
         [[c["engine"], c["gold"], c["kind"], str(c["pages"])] for c in page_counts(report)]),
        *news,
        (f"No parser: pages not read as threads or articles ({len(no_parser)}, of them news: "
         f"{sum(p.gold == 'news' for p in no_parser)})",
         ["page", "gold", "kind", "reason"],
         [[p.page, p.gold, p.kind, short(p.reason, 100)] for p in no_parser]),
        (f"Misses ({len(report.misses)}, on pages read as threads)",
         ["page", "engine", "field", "where", "expected", "found"],
         [[m.page, m.engine, m.field, m.where, m.expected, m.found] for m in report.misses]),
    ]


def render_text(report: Report) -> str:
    out = []
    for title, header, rows in _sections(report):
        out.append(title)
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            out.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        out.append("")
    return "\n".join(out)


def render_markdown(report: Report) -> str:
    out = []
    for title, header, rows in _sections(report):
        out += [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
        out.append("")
    return "\n".join(out)
