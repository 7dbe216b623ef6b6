"""The shell in AppTest: language switch, my province carried in the URL."""

from __future__ import annotations


def test_a_former_province_from_a_link_stays_my_province(app_on):
    # Hà Tây (until 2008) is not in today's list, but a link to its history must keep it.
    at = app_on("quy-dao", params={"province": "ha-tay", "year": "2007"})
    assert not at.exception
    assert at.query_params["province"] == "ha-tay"
    assert at.sidebar.selectbox(key="w_my_province").value == "ha-tay"


def test_switching_language_renames_the_sidebar_and_keeps_the_province(app_on):
    at = app_on("xep-hang", params={"province": "kon-tum"})
    assert at.sidebar.selectbox(key="w_my_province").value == "kon-tum"
    at.sidebar.segmented_control(key="w_lang").set_value("en").run()
    assert at.query_params["lang"] == "en"
    assert at.query_params["province"] == "kon-tum"
    assert "My province" in at.sidebar.selectbox(key="w_my_province").label
