"""Edit notices in language packs' words: vBulletin's "Last edited by X; DATE at TIME." (the
postbit_legacy template's edit note) and Invision Community's "Edited TIME by X" (the comment's
``date_edited`` line), each read for its editor and time in the packs' own phrases, or, where a
pack puts the name amid its words (Turkish), read for its time with an error saying the editor is
not read (see :mod:`parsers.edit_notices`): never another member, never dropped silently.

The pages are hand-written (``tests/data/field_edit_languages``, each header names its template
and the phrases); each test puts one pack's phrase where the page prints the English one.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import DATA

from parsers.edit_notices import EDITOR_NOT_READ
from parsers.registry import parse_page

CAPTURED = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
PAGES = DATA / "field_edit_languages"

VB3_ENGLISH = 'Last edited by Kovarik; 25.03.2011 at <span class="time">10:15</span>.'
# vBulletin 3 packs' last_edited_by_x_on_y_at_z, then $vbphrase[reason] and the reason after a <br />.
VB3_PACKS = {
    "en": (VB3_ENGLISH, "Reason: typo"),
    "de": ('Zuletzt bearbeitet von Kovarik (25.03.2011 um <span class="time">10:15</span> Uhr)', "Grund: Tippfehler"),
    "fr": ('Dernière modification par Kovarik ; 25/03/2011 à <span class="time">10h15</span>.',
           "Raison : faute de frappe"),
    "es": ('Última edición por Kovarik; 25/03/2011 a las <span class="time">10:15</span>.', "Motivo: errata"),
    "ru": ('Последний раз редактировалось Kovarik; 25.03.2011 в <span class="time">10:15</span>.',
           "Причина: опечатка"),
    "ar": ('آخر تعديل بواسطة Kovarik ; 25-03-2011 الساعة <span class="time">10:15 AM</span>.', "السبب: خطأ إملائي"),
    "it": ('Ultima modifica di Kovarik; 25-03-2011 alle <span class="time">10:15</span>.', "Motivo: refuso"),
    "nl": ('Laatst gewijzigd door Kovarik; 25-03-2011 om <span class="time">10:15</span>.', "Reden: typfout"),
    "pl": ('Ostatnio edytowane przez Kovarik; 25-03-2011 o <span class="time">10:15</span>.', "Powód: literówka"),
    "tr": ('En son Kovarik tarafından düzenlendi; 25-03-2011 saat <span class="time">10:15</span>.',
           "Sebep: yazım hatası"),
}
NAME_AMID_WORDS = {"tr"}  # packs whose phrase puts the editor's name amid its words


def _vb3(language: str, with_reason: bool):
    phrase, reason = VB3_PACKS[language]
    page = (PAGES / "vb3_postbit_legacy_edit_note.html").read_text(encoding="utf-8")
    assert page.count(VB3_ENGLISH) == 1
    page = page.replace(VB3_ENGLISH, phrase + (f"<br />{reason}" if with_reason else ""))
    return parse_page(page.encode("utf-8"), "https://toepfer.example/forum/showthread.php?t=73", CAPTURED)


@pytest.mark.parametrize("with_reason", [False, True], ids=["no reason", "reason"])
@pytest.mark.parametrize("language", sorted(VB3_PACKS))
def test_vbulletin_edit_note_in_each_packs_words_gives_its_editor_and_time(language, with_reason):
    result = _vb3(language, with_reason)
    assert result.engine == "vbulletin"
    posts = {post.post_id: post for post in result.posts}
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("7301", "Lucerna", datetime(2011, 3, 25, 9, 0, tzinfo=timezone.utc)),
        ("7302", "Glasurfan", datetime(2011, 3, 25, 9, 40, tzinfo=timezone.utc))]
    assert (posts["7301"].edited_at, posts["7301"].edited_by) == (None, None)
    assert posts["7302"].edited_at == datetime(2011, 3, 25, 10, 15, tzinfo=timezone.utc)
    not_read = [error for error in result.errors if error.startswith("post 7302:") and EDITOR_NOT_READ in error]
    if language in NAME_AMID_WORDS:
        assert posts["7302"].edited_by is None and len(not_read) == 1
    else:
        assert posts["7302"].edited_by == "Kovarik" and not_read == []


IPS_TIME = '<time datetime="2023-05-14T08:20:00Z" title="05/14/2023 08:20  AM" data-short="1 yr">May 14, 2023</time>'
IPS_ENGLISH = f"<strong>Edited {IPS_TIME} by Vorsteher Ilk</strong>"
# Invision Community packs' date_edited ("Edited %s by %s"), the edit's <time> and the name put in.
IPS_PACKS = {
    "en": IPS_ENGLISH,
    "en, relative": ('<strong>Edited <time datetime="2023-05-14T08:20:00Z" title="05/14/2023 08:20  AM"'
                     ' data-short="3 hr">3 hours ago</time> by Vorsteher Ilk</strong>'),
    "de": f"<strong>Bearbeitet {IPS_TIME} von Vorsteher Ilk</strong>",
    "fr": f"<strong>Modifié {IPS_TIME} par Vorsteher Ilk</strong>",
    "es": f"<strong>Editado {IPS_TIME} por Vorsteher Ilk</strong>",
    "ru": f"<strong>Изменено {IPS_TIME} пользователем Vorsteher Ilk</strong>",
    "it": f"<strong>Modificato {IPS_TIME} da Vorsteher Ilk</strong>",
    "nl": f"<strong>Bewerkt {IPS_TIME} door Vorsteher Ilk</strong>",
    "pl": f"<strong>Edytowane {IPS_TIME} przez Vorsteher Ilk</strong>",
    "ar": f"<strong>تم التعديل {IPS_TIME} بواسطة Vorsteher Ilk</strong>",
    "tr": f"<strong>{IPS_TIME} tarihinde Vorsteher Ilk tarafından düzenlendi</strong>",
}


@pytest.mark.parametrize("language", sorted(IPS_PACKS))
def test_ips_edit_line_in_each_packs_words_gives_its_editor_and_time(language):
    page = (PAGES / "ips4_edited_line.html").read_text(encoding="utf-8")
    assert page.count(IPS_ENGLISH) == 1
    page = page.replace(IPS_ENGLISH, IPS_PACKS[language])
    result = parse_page(page.encode("utf-8"), "https://apiary.example/topic/8050-bee-hive-in-winter/", CAPTURED)
    assert result.engine == "ips"
    posts = {post.post_id: post for post in result.posts}
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("80501", "Quendel", datetime(2023, 5, 14, 7, 0, tzinfo=timezone.utc)),
        ("80502", "Marisol", datetime(2023, 5, 14, 7, 45, tzinfo=timezone.utc))]
    assert (posts["80501"].edited_at, posts["80501"].edited_by) == (None, None)
    assert posts["80502"].edited_at == datetime(2023, 5, 14, 8, 20, tzinfo=timezone.utc)
    not_read = [error for error in result.errors if error.startswith("post 80502:") and EDITOR_NOT_READ in error]
    if language in NAME_AMID_WORDS:
        assert posts["80502"].edited_by is None and len(not_read) == 1
    else:
        assert posts["80502"].edited_by == "Vorsteher Ilk" and not_read == []
