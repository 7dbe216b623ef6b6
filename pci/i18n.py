"""Translations: every user-facing string comes from `pci/locales/<lang>/*.toml`.

Each feature owns its own TOML file (``common.toml``, ``etl.toml``, ``ranking.toml`` …) so
that features can add strings without touching each other's files; all files of a language
are merged into one flat key space. Keys are dotted (``ranking.title``); a key present in one
language and missing in the other is a bug that ``tests/test_i18n.py`` catches.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGS: tuple[str, ...] = ("vi", "en")
DEFAULT_LANG = "vi"
_LOCALES = Path(__file__).parent / "locales"


def _flatten(prefix: str, node: dict, out: dict[str, str]) -> None:
    for key, value in node.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(full, value, out)
        else:
            out[full] = str(value)


@cache
def catalog(lang: str) -> dict[str, str]:
    """All strings of one language, merged from every TOML file of that language."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    out: dict[str, str] = {}
    for path in sorted((_LOCALES / lang).glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        before = set(out)
        flat: dict[str, str] = {}
        _flatten("", data, flat)
        dup = before & set(flat)
        if dup:
            raise ValueError(f"{path}: keys already defined in another file: {sorted(dup)[:5]}")
        out.update(flat)
    return out


def normalize_lang(lang: str | None) -> str:
    """Map anything a URL or CLI may carry (``EN``, ``vi-VN``, None) to a supported language."""
    if not lang:
        return DEFAULT_LANG
    lang = lang.strip().lower()[:2]
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Translate ``key`` into ``lang`` and fill ``{placeholders}`` from ``params``.

    A missing key raises KeyError: a silent fallback would put English (or a raw key) on a
    Vietnamese official's projector without anyone noticing.
    """
    text = catalog(normalize_lang(lang))[key]
    return text.format(**params) if params else text


class Translator:
    """A language bound once, so pages write ``tr("ranking.title")``."""

    def __init__(self, lang: str | None) -> None:
        self.lang = normalize_lang(lang)

    def __call__(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def has(self, key: str) -> bool:
        return key in catalog(self.lang)
