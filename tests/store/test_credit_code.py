"""GB 32100-2015 check character, checked against a hand-worked example."""

from __future__ import annotations

import pytest

from retrofit_desktop.store.credit_code import (
    WEIGHTS,
    InvalidCreditCode,
    check_character,
    is_valid_credit_code,
    normalise_credit_code,
)


def test_weights_are_powers_of_three_mod_31():
    # GB 32100-2015 table: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_hand_worked_example():
    # 91440300192203821 + check. Products value x weight:
    # 9*1=9, 1*3=3, 4*9=36, 4*27=108, 0*19=0, 3*26=78, 0*16=0, 0*17=0, 1*20=20,
    # 9*29=261, 2*25=50, 2*13=26, 0*8=0, 3*24=72, 8*10=80, 2*30=60, 1*28=28
    # sum = 831; 831 mod 31 = 831 - 26*31 = 25; check = 31 - 25 = 6 -> "6"
    assert check_character("91440300192203821") == "6"
    assert normalise_credit_code("914403001922038216") == "914403001922038216"


def test_letters_carry_their_alphabet_value():
    # "91350100M000100Y4?": M is value 21 (0-9, A=10 … H=17, J=18, K=19, L=20, M=21), Y is 30.
    # 9*1 + 1*3 + 3*9 + 5*27 + 0 + 1*26 + 0 + 0 + 21*20 + 0 + 0 + 0 + 1*8 + 0 + 0 + 30*30 + 4*28
    # = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 1640 - 52*31 = 28; 31 - 28 = 3
    assert check_character("91350100M000100Y4") == "3"
    assert is_valid_credit_code("91350100M000100Y43")


def test_check_of_31_maps_to_zero():
    # first 17 chars all zero except one "1" at position 1: sum = 1 -> 31 - 1 = 30 -> "Y";
    # "00000000000000000": sum 0 -> 31 - 0 = 31 -> "0"
    assert check_character("10000000000000000") == "Y"
    assert check_character("00000000000000000") == "0"


def test_lower_case_and_spaces_are_normalised():
    assert normalise_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize(
    "code, fragment",
    [
        ("914403001922038217", "GB 32100-2015 gives '6'"),
        ("91440300192203821", "18 characters"),
        ("9144030019220382I6", "'I' at position 17"),
    ],
)
def test_invalid_codes_say_why(code, fragment):
    from retrofit_desktop.i18n import use_language

    with use_language("en"), pytest.raises(InvalidCreditCode) as exc:
        normalise_credit_code(code)
    assert fragment in str(exc.value)
    assert not is_valid_credit_code(code)
