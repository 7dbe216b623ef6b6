"""Numbers the Vietnamese way (62,02; 1.234) and the English way; missing is never 0."""

import math

import pandas as pd

from pci import fmt


def test_vietnamese_decimal_comma_and_thousands_dot():
    assert fmt.number(62.02, "vi") == "62,02"
    assert fmt.integer(1234, "vi") == "1.234"
    assert fmt.number(1234.5, "vi", 1) == "1.234,5"


def test_english_separators():
    assert fmt.number(62.02, "en") == "62.02" and fmt.integer(1234, "en") == "1,234"


def test_missing_values_say_not_published():
    for v in (None, math.nan, pd.NA):
        assert fmt.number(v, "vi") == "chưa công bố / không có dữ liệu"
    assert fmt.rank_of(None, 63, "en") == "not published / no data"


def test_rank_of_and_signed_and_percent():
    assert fmt.rank_of(56, 63, "vi") == "56/63"
    assert fmt.number(2.23, "vi", signed=True) == "+2,23"
    assert fmt.percent(0.715, "vi", 1, fraction=True) == "71,5 %"
    assert fmt.percent(71, "en") == "71%"
