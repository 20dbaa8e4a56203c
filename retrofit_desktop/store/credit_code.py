"""统一社会信用代码 (unified social credit code) validation, GB 32100-2015.

An 18-character code over the 31-character alphabet ``0-9 A-H J-N P-R T-U W-Y`` (no I, O, S, V, Z).
Character i (1-based, i = 1..17) has weight ``3**(i-1) mod 31``; the check character (18th) is
``31 - (sum(value_i * weight_i) mod 31)``, where a result of 31 means the character ``0``
(GB 32100-2015, clause 5 and appendix B).
"""

from __future__ import annotations

from ..i18n import _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS: tuple[int, ...] = tuple(pow(3, i, 31) for i in range(17))
LENGTH = 18


class InvalidCreditCode(ValueError):
    """The text is not a valid unified social credit code; the message says why."""


def check_character(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    if len(first17) != 17:
        raise InvalidCreditCode(
            _("need 17 characters to compute a check character, got {n}").format(n=len(first17))
        )
    total = 0
    for pos, ch in enumerate(first17):
        if ch not in _VALUE:
            raise InvalidCreditCode(
                _("character {ch!r} at position {pos} is not allowed").format(ch=ch, pos=pos + 1)
            )
        total += _VALUE[ch] * WEIGHTS[pos]
    return ALPHABET[(31 - total % 31) % 31]


def normalise_credit_code(text: str) -> str:
    """Upper-case, strip spaces; raise InvalidCreditCode unless the code passes GB 32100-2015."""
    code = "".join(str(text).split()).upper()
    if len(code) != LENGTH:
        raise InvalidCreditCode(
            _("a unified social credit code has 18 characters, {code!r} has {n}").format(
                code=code, n=len(code)
            )
        )
    for pos, ch in enumerate(code):
        if ch not in _VALUE:
            raise InvalidCreditCode(
                _(
                    "character {ch!r} at position {pos} of {code!r} is not allowed "
                    "(letters I, O, S, V, Z are never used)"
                ).format(ch=ch, pos=pos + 1, code=code)
            )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise InvalidCreditCode(
            _("check character of {code!r} is {got!r}, GB 32100-2015 gives {expected!r}").format(
                code=code, got=code[17], expected=expected
            )
        )
    return code


def is_valid_credit_code(text: str) -> bool:
    try:
        normalise_credit_code(text)
    except InvalidCreditCode:
        return False
    return True
