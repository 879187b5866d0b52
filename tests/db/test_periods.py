"""The yearly reporting period of Nghị định 09/2019/NĐ-CP (db/periods.py)."""
from datetime import date

import pytest

from db.errors import DvkError
from db.periods import campaign_period, default_period


def test_the_decree_period_runs_from_15_december_to_14_december():
    period = default_period(2020)
    assert (period.start, period.end, period.default) == (date(2019, 12, 15), date(2020, 12, 14), True)
    assert period.cited() == "15/12/2019 - 14/12/2020"


@pytest.mark.parametrize("day, inside", [
    ("2019-12-14", False), ("2019-12-15", True), (date(2020, 6, 1), True), ("2020-12-14", True),
    ("2020-12-15", False), (None, False), ("", False), ("14/12/2020", False),
])
def test_membership_includes_both_ends(day, inside):
    assert (day in default_period(2020)) is inside


def test_a_campaign_overrides_either_end():
    assert campaign_period(2020, "", "").default
    p = campaign_period(2020, "2020-01-01", "")
    assert (p.start, p.end, p.default) == (date(2020, 1, 1), date(2020, 12, 14), False)
    p = campaign_period(2020, "", "2020-12-31")
    assert (p.start, p.end) == (date(2019, 12, 15), date(2020, 12, 31))


def test_bad_periods_are_one_clear_line():
    with pytest.raises(DvkError) as err:
        campaign_period(2020, "2021-01-01", "")
    assert err.value.render("en") == "The reporting period starts on 01/01/2021, after its end 14/12/2020"
    with pytest.raises(DvkError) as err:
        campaign_period(2020, "", "31/12/2020")
    assert "period_end" in str(err.value) and "31/12/2020" in str(err.value)
