"""One canonical id per province; every spelling resolves to it or is reported.

Names arrive as "TP.HCM", "TT-Huế", "BRVT", "Đăk Lăk", "Thanh Hoá", "HCMC"… The alias list
(``data/reference/province_aliases.csv``) holds every spelling seen; matching folds case,
diacritics, tone-mark placement, punctuation and the administrative prefixes "tỉnh",
"thành phố", "TP" — nothing else. An unknown name is an error that names the row: a fuzzy
guess could silently file one province's scores under another.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pci.config import REFERENCE_DIR

_PREFIX = re.compile(r"^(tinh|thanh pho|tp)\s+")


def normalize_name(name: str) -> str:
    """Fold a province name to its matching key: 'TP.HCM' → 'hcm', 'Đắk Lắk' → 'dak lak'."""
    text = unicodedata.normalize("NFC", str(name)).replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return _PREFIX.sub("", text).strip()


@dataclass(frozen=True)
class Province:
    province_id: str
    name_vi: str
    name_en: str
    region_id: str
    region_vi: str
    region_en: str
    first_year: int
    last_year: int | None
    successor_id: str | None

    def existed_in(self, year: int) -> bool:
        """Was this province surveyed as a unit in PCI ``year``? (Hà Tây ≤ 2008, merged ≤ 2024.)"""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


class UnknownProvince(KeyError):
    """A name that matches no province or alias."""


@dataclass(frozen=True)
class ProvinceResolver:
    provinces: dict[str, Province]
    aliases: dict[str, str]  # normalised alias → province_id

    def resolve(self, name: str) -> str:
        """Canonical id for ``name``; raises UnknownProvince (never guesses)."""
        key = normalize_name(name)
        if key in self.aliases:
            return self.aliases[key]
        if key.replace(" ", "-") in self.provinces:  # the id itself ("kon-tum")
            return key.replace(" ", "-")
        raise UnknownProvince(name)

    def try_resolve(self, name: object) -> str | None:
        try:
            return self.resolve(str(name))
        except UnknownProvince:
            return None

    def name(self, province_id: str, lang: str = "vi") -> str:
        p = self.provinces[province_id]
        return p.name_vi if lang == "vi" else p.name_en


def read_provinces(path: Path | None = None) -> list[dict[str, str]]:
    path = path or REFERENCE_DIR / "provinces.csv"
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def read_aliases(path: Path | None = None) -> list[dict[str, str]]:
    path = path or REFERENCE_DIR / "province_aliases.csv"
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def resolver() -> ProvinceResolver:
    """The resolver built from the shipped reference files (cached: they never change at run time)."""
    provinces = {
        r["province_id"]: Province(
            province_id=r["province_id"],
            name_vi=r["name_vi"],
            name_en=r["name_en"],
            region_id=r["region_id"],
            region_vi=r["region_vi"],
            region_en=r["region_en"],
            first_year=int(r["first_year"]),
            last_year=int(r["last_year"]) if r["last_year"] else None,
            successor_id=r["successor_id"] or None,
        )
        for r in read_provinces()
    }
    aliases: dict[str, str] = {}
    for row in read_aliases():
        key = normalize_name(row["alias"])
        if row["province_id"] not in provinces:
            raise ValueError(
                f"province_aliases.csv: {row['alias']!r} points to unknown id "
                f"{row['province_id']!r}"
            )
        if aliases.get(key, row["province_id"]) != row["province_id"]:
            raise ValueError(
                f"province_aliases.csv: {row['alias']!r} is ambiguous "
                f"({aliases[key]} vs {row['province_id']})"
            )
        aliases[key] = row["province_id"]
    return ProvinceResolver(provinces=provinces, aliases=aliases)
