"""What scripts/setup installs beside the venv is there: the replay tests skip without it, and this
test makes such a run fail instead of passing on skips (scripts/install-replay, install-replayweb)."""

from __future__ import annotations

from conftest import ROOT


def test_pywb_and_py_wacz_are_installed_in_their_own_venv():
    for tool in ("wayback", "wacz"):
        assert (ROOT / ".venv-replay" / "bin" / tool).exists(), f"{tool} missing: run scripts/install-replay"


def test_replaywebpage_is_installed():
    assert (ROOT / ".replayweb" / "ui.js").exists() and (ROOT / ".replayweb" / "sw.js").exists(), \
        "ReplayWeb.page missing: run scripts/install-replayweb"
