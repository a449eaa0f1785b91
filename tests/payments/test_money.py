"""Fee arithmetic: fee + payout == amount for every currency exponent, with the stated rounding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.errors import ValidationFailed
from payments.money import exponent, fee_split, minimum_fee_minor, validate_amount


@pytest.mark.parametrize(
    ("amount", "currency", "fee", "payout"),
    [
        (100_000, "EUR", 10_000, 90_000),  # 10 % of 1,000.00 EUR
        (1_005, "EUR", 101, 904),  # 100.5 rounds half up to 101
        (1_004, "EUR", 100, 904),  # 100.4 rounds down
        (300, "EUR", 50, 250),  # below the 0.50 minimum
        (40, "EUR", 40, 0),  # the fee never exceeds the amount
        (10_000, "JPY", 1_000, 9_000),  # zero-decimal: 10,000 yen
        (3, "JPY", 1, 2),  # minimum 0.50 rounds up to 1 yen
        (12_340, "KWD", 1_230, 11_110),  # three-decimal: 1,234 rounds to 1,230 (step 10)
        (12_350, "KWD", 1_240, 11_110),  # 1,235 rounds half up to 1,240
        (100, "BHD", 100, 0),  # minimum 0.500 BHD = 500 > amount
    ],
)
def test_fee_split_examples(amount: int, currency: str, fee: int, payout: int) -> None:
    split = fee_split(amount_minor=amount, currency=currency, bps=1000, minimum="0.50")
    assert (split.fee_minor, split.payout_minor) == (fee, payout)


def test_exponents_follow_stripe() -> None:
    assert [exponent(c) for c in ("EUR", "JPY", "KRW", "UGX", "BHD", "KWD", "JOD")] == [
        2,
        0,
        0,
        0,
        3,
        3,
        3,
    ]
    assert minimum_fee_minor(minimum="0.50", currency="KWD") == 500
    assert minimum_fee_minor(minimum="0.005", currency="EUR") == 1


def test_three_decimal_amounts_must_end_in_zero() -> None:
    validate_amount(amount_minor=12_340, currency="KWD")
    with pytest.raises(ValidationFailed) as refused:
        validate_amount(amount_minor=12_345, currency="KWD")
    assert refused.value.code == "amount_invalid"
    with pytest.raises(ValidationFailed):
        validate_amount(amount_minor=0, currency="EUR")


CURRENCIES = st.sampled_from(["EUR", "USD", "JPY", "KRW", "BHD", "KWD", "JOD"])


@given(
    amount=st.integers(min_value=1, max_value=10**12),
    currency=CURRENCIES,
    bps=st.integers(min_value=0, max_value=10_000),
    minimum=st.sampled_from(["0", "0.01", "0.50", "5", "12.345"]),
)
def test_fee_and_payout_always_sum_to_the_amount(
    amount: int, currency: str, bps: int, minimum: str
) -> None:
    if exponent(currency) == 3:
        amount = amount * 10
    split = fee_split(amount_minor=amount, currency=currency, bps=bps, minimum=minimum)
    assert split.fee_minor + split.payout_minor == amount
    assert 0 <= split.fee_minor <= amount
    assert isinstance(split.fee_minor, int)
    assert isinstance(split.payout_minor, int)
    if exponent(currency) == 3:
        # Both parts stay sendable to Stripe (multiples of 10).
        assert split.fee_minor % 10 == 0
        assert split.payout_minor % 10 == 0
    # The fee is the rounded rate or the minimum, whichever is larger (capped at the amount).
    exact = amount * bps / 10_000
    step = 10 if exponent(currency) == 3 else 1
    if split.fee_minor not in (amount, minimum_fee_minor(minimum=minimum, currency=currency)):
        assert abs(split.fee_minor - exact) <= step / 2
