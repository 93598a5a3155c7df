"""The container image as docker compose runs it: what the portal needs at run time is there."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def _dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_the_image_gives_the_portal_a_data_folder_its_user_can_write():
    # Run without SIGNOFF_DATABASE_URL, the portal keeps its SQLite database and key in
    # SIGNOFF_DATA_DIR; the image runs as an unprivileged user, who cannot write beside /app.
    text = _dockerfile()
    data_dir = re.search(r"SIGNOFF_DATA_DIR=(\S+)", text)
    assert data_dir, "the image sets no SIGNOFF_DATA_DIR: it would be /app/.signoff, owned by root"
    folder = data_dir.group(1)
    assert folder.startswith("/") and not folder.startswith("/app")
    user = re.search(r"^USER (\S+)", text, re.MULTILINE)
    assert user
    before_user = text[: user.start()]
    assert re.search(rf"install -d -o {user.group(1)}\b[^\n]* {re.escape(folder)}\b", before_user)
