"""Every interface message exists in Spanish and English with the same placeholders."""

from __future__ import annotations

import string

import pytest

from cjtui.i18n import CHANNEL_LABELS, MESSAGES, detect_language, t
from cjtui.model import CHANNELS


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_message_has_both_languages_with_same_fields(key: str) -> None:
    entry = MESSAGES[key]
    assert entry.get("es") and entry.get("en"), key
    fields = [
        {name for _, name, _, _ in string.Formatter().parse(entry[lang]) if name}
        for lang in ("es", "en")
    ]
    assert fields[0] == fields[1], key


def test_every_channel_has_labels() -> None:
    assert set(CHANNEL_LABELS) == set(CHANNELS)


def test_language_from_flag_env_and_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    assert detect_language("es") == "es"
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert detect_language(None) == "es"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert detect_language(None) == "en"
    monkeypatch.setenv("CJTUI_LANG", "es")
    assert detect_language(None) == "es"
    assert t("show.stage", "es", n=1, total=3, title="Decisión") == "Etapa 1/3 · Decisión"
