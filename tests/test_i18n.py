"""Translations: both languages have the same keys and the same placeholders."""

import re
import string

import pytest

from pci.i18n import Translator, catalog, normalize_lang, t

PLACEHOLDER = re.compile(r"\{(\w+)")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_vietnamese_and_english_have_the_same_keys():
    vi, en = set(catalog("vi")), set(catalog("en"))
    assert sorted(vi - en) == [] and sorted(en - vi) == []


def test_every_key_has_the_same_placeholders_in_both_languages():
    vi, en = catalog("vi"), catalog("en")
    mismatched = [k for k in vi if _fields(vi[k]) != _fields(en[k])]
    assert mismatched == []


def test_missing_key_raises_instead_of_showing_a_raw_key():
    with pytest.raises(KeyError):
        t("no.such.key", "vi")


def test_unknown_language_falls_back_to_vietnamese():
    assert normalize_lang("fr") == "vi" and normalize_lang("EN-us") == "en"
    assert Translator(None).lang == "vi"
