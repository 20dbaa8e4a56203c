from retrofit_desktop import i18n
from retrofit_desktop.domain import Tier, Verification, weakest
from retrofit_desktop.resources import cjk_font_path


def test_weakest_verification_is_the_least_certain():
    assert weakest([Verification.VERIFIED, Verification.SINGLE_SOURCE]) == Verification.SINGLE_SOURCE
    assert weakest([Verification.SUCCESSOR_EDITION, Verification.VERIFIED]) == Verification.SUCCESSOR_EDITION
    assert weakest([]) == Verification.VERIFIED


def test_tier_values_are_the_json_vocabulary():
    assert [t.value for t in Tier] == [
        "advanced",
        "energy_saving",
        "entry",
        "below_entry",
        "not_covered",
        "no_threshold",
        "no_value",
    ]


def test_bundled_cjk_font_is_a_truetype_collection():
    data = cjk_font_path().read_bytes()[:4]
    assert data == b"ttcf"


def test_message_catalogue_switches_language():
    assert i18n._("Retrofit Desktop") == "节能改造评估"
    with i18n.use_language("en"):
        assert i18n._("Retrofit Desktop") == "Retrofit Desktop"
    assert i18n.normalise_language("zh-CN") == "zh"
