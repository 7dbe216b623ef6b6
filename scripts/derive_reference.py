"""Derive `data/reference/provinces*.csv` from the shipped public province list.

Run once when the public list changes (`uv run python scripts/derive_reference.py`); the
outputs are committed so the app never derives reference data at run time. Canonical ids are
ASCII slugs of the province name ("kon-tum", "thua-thien-hue", "ho-chi-minh"); the 23 merged
units of Nghị quyết 202/2025/QH15 get "<slug>-2025" because a merged unit is a different
territory from the old province whose name it kept.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "data" / "public"
OUT = ROOT / "data" / "reference"

# English names as used by VCCI's English pages and the international press.
EN = {
    "TP. Hồ Chí Minh": "Ho Chi Minh City",
    "Hà Nội": "Hanoi",
    "Thừa Thiên Huế": "Thua Thien Hue",
    "Đà Nẵng": "Da Nang",
    "Hải Phòng": "Hai Phong",
    "Cần Thơ": "Can Tho",
}


def ascii_fold(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slug(name: str) -> str:
    name = re.sub(r"^(TP\.?|Thành phố)\s*", "", name.strip())
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-")


def main() -> None:
    provinces = list(csv.DictReader((PUBLIC / "provinces.csv").open(encoding="utf-8")))
    merger = list(csv.DictReader((PUBLIC / "province_merger_2025.csv").open(encoding="utf-8")))
    members: dict[str, list[str]] = {}
    for row in merger:
        members.setdefault(row["new_province"], []).append(row["old_province"])
    old_to_new: dict[str, str] = {}
    units = []
    for new_name, olds in sorted(members.items()):
        # An unchanged territory keeps its id (Huế was only renamed).
        unit_id = slug(olds[0]) if len(olds) == 1 else f"{slug(new_name)}-2025"
        for old in olds:
            old_to_new[old] = unit_id
        units.append(
            {
                "unit_id": unit_id,
                "name_vi": new_name,
                "merged": len(olds) > 1,
                "members": ";".join(sorted(slug(o) for o in olds)),
            }
        )
    out_rows = []
    for p in provinces:
        name = p["province"]
        pid = slug(name)
        is_ha_tay = pid == "ha-tay"
        new_unit = old_to_new.get(name, "")
        merged_away = bool(new_unit) and new_unit != pid
        out_rows.append(
            {
                "province_id": pid,
                "name_vi": name,
                "name_ascii": p["province_ascii"].replace("TP. ", ""),
                "name_en": EN.get(name, p["province_ascii"].replace("TP. ", "")),
                "pci_code": p["pci_code"],
                "gso_code": p["gso_code"],
                "region_id": slug(p["region_gso6_en"])
                if p["region_gso6_en"]
                else "red-river-delta",
                "region_vi": p["region_gso6_vi"] or "Đồng bằng sông Hồng",
                "region_en": p["region_gso6_en"] or "Red River Delta",
                "first_year": 2005,
                "last_year": 2008 if is_ha_tay else (2024 if merged_away else ""),
                "successor_id": "ha-noi" if is_ha_tay else (new_unit if merged_away else ""),
                "successor_year": 2008 if is_ha_tay else (2025 if merged_away else ""),
                "successor_basis": (
                    "Nghị quyết 15/2008/QH12 (Hà Tây sáp nhập vào Hà Nội từ 1/8/2008)"
                    if is_ha_tay
                    else ("Nghị quyết 202/2025/QH15 (hiệu lực 1/7/2025)" if merged_away else "")
                ),
                "unit_2025_id": "" if is_ha_tay else new_unit,
                "source": p["source"]
                + (" ; Hà Tây region: GSO 6-region list (Red River Delta)" if is_ha_tay else ""),
            }
        )
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "provinces.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(out_rows[0]))
        w.writeheader()
        w.writerows(sorted(out_rows, key=lambda r: r["province_id"]))
    src = merger[0]["source"]
    with (OUT / "units_2025.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(
            fh, fieldnames=["unit_id", "name_vi", "name_ascii", "merged", "members", "source"]
        )
        w.writeheader()
        for u in units:
            w.writerow({**u, "name_ascii": ascii_fold(u["name_vi"]), "source": src})


if __name__ == "__main__":
    main()
