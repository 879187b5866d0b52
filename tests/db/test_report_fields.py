"""The report settings a generic form can edit (db/report_fields.py)."""
from dataclasses import fields, replace

import pytest

from db.messages import MESSAGES
from db.models import Campaign, Profile
from db.report_fields import CAMPAIGN_FIELDS, PROFILE_FIELDS, body_sizes, check_campaign, check_profile
from db.rules import ValidationError


@pytest.mark.parametrize("cls, specs", [(Profile, PROFILE_FIELDS), (Campaign, CAMPAIGN_FIELDS)])
def test_every_spec_is_a_real_field_with_a_label_and_a_valid_default(cls, specs):
    names = {f.name for f in fields(cls)}
    record = cls(year=2020) if cls is Campaign else cls()
    for spec in specs:
        assert spec.name in names and spec.label in MESSAGES
        if spec.choices and spec.kind == "choice":
            assert getattr(record, spec.name) in spec.choices
        if not spec.name.endswith("_pt"):  # sizes read as numbers; other choices have a label each
            assert all(f"{spec.name}.{choice}" in MESSAGES for choice in spec.choices)
    check_profile(Profile()) if cls is Profile else check_campaign(record)  # defaults pass


def test_body_sizes_depend_on_the_layout():
    assert body_sizes("state") == (13, 14) and body_sizes("party") == (14, 15)
    check_profile(Profile(layout="party", body_pt=15))
    with pytest.raises(ValidationError) as err:
        check_profile(Profile(layout="state", body_pt=15))
    assert err.value.field == "body_pt" and err.value.render("en") == "Body size 15 is outside 13–14 for this layout"


@pytest.mark.parametrize("changes, field", [
    ({"body_pt": True}, "body_pt"), ({"header_pt": "12"}, "header_pt"), ({"layout": None}, "layout"),
])
def test_wrong_types_from_a_hand_edited_file(changes, field):
    with pytest.raises(ValidationError) as err:
        check_profile(replace(Profile(), **changes))
    assert err.value.field == field
