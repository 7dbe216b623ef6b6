"""One canonical id per province; aliases resolve; unknown names are errors, not guesses."""

import pytest

from etl.provinces import UnknownProvince, normalize_name, resolver


@pytest.mark.parametrize(
    "name,pid",
    [
        ("TP.HCM", "ho-chi-minh"),
        ("TP. Hồ Chí Minh", "ho-chi-minh"),
        ("HCMC", "ho-chi-minh"),
        ("TT-Huế", "thua-thien-hue"),
        ("Thừa Thiên Huế", "thua-thien-hue"),
        ("BRVT", "ba-ria-vung-tau"),
        ("Đăk Lăk", "dak-lak"),
        ("Đắk Lắk", "dak-lak"),
        ("Thanh Hoá", "thanh-hoa"),
        ("Kon Tum", "kon-tum"),
        ("kon-tum", "kon-tum"),
        ("Tỉnh Bắc Kạn", "bac-kan"),
        ("Ha Tay", "ha-tay"),
    ],
)
def test_aliases_resolve_to_the_canonical_id(name, pid):
    assert resolver().resolve(name) == pid


def test_unknown_name_is_an_error_not_a_guess():
    with pytest.raises(UnknownProvince):
        resolver().resolve("Kon Tu")  # a typo must not become Kon Tum


def test_folding_is_only_case_diacritics_punctuation_and_prefix():
    assert normalize_name("  TP.  Hồ   Chí Minh ") == "ho chi minh"
    assert normalize_name("Đắk Nông") == "dak nong"


def test_64_provinces_and_their_lifetimes():
    r = resolver()
    assert len(r.provinces) == 64
    assert r.provinces["ha-tay"].existed_in(2008) and not r.provinces["ha-tay"].existed_in(2009)
    assert r.provinces["kon-tum"].existed_in(2024) and not r.provinces["kon-tum"].existed_in(2025)
    assert r.provinces["kon-tum"].successor_id == "quang-ngai-2025"
    assert r.provinces["ha-noi"].existed_in(2025)
