"""Create the year's campaign: year and name; the seven report sections of the model report come with it."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from db.models import Campaign
from tui.screens.form_dialog import Field, FormDialog
from tui.widgets.form_field import FormField
from tui.widgets.validators import Check, Required

DEFAULT_NAME = "Năm dân vận khéo"


def _is_year(value: str) -> bool:
    value = value.strip()
    return value.isascii() and value.isdigit() and len(value) == 4


class CampaignDialog(FormDialog[Campaign]):
    def __init__(self, title: str, save: Callable[[Campaign], Campaign], year: int) -> None:
        super().__init__(title, save, Campaign(name=DEFAULT_NAME, year=year))

    def build_fields(self) -> list[Field]:
        t = self.app.t
        return [
            FormField("year", t("field.year"), str(self.record.year), validators=[Check(_is_year, t("year.invalid"))]),
            FormField("name", t("field.campaign_name"), self.record.name, validators=[Required(t("required"))]),
        ]

    def build(self) -> Campaign:
        year = int(self.value("year"))
        return replace(self.record, year=year, name=self.value("name"), report_date=f"/ /{year}")
