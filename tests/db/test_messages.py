"""The data layer's message catalogue: both languages, same parameters, late rendering."""
from __future__ import annotations

import string

import pytest

from db import messages
from db.dates import DateError, parse_date
from db.errors import DataFileLocked, DvkError
from db.messages import MESSAGES, Message, render


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_both_languages_with_the_same_parameters(key):
    vi, en = MESSAGES[key]
    assert vi.strip() and en.strip(), key
    assert _fields(vi) == _fields(en), key


def test_an_error_renders_in_the_language_asked_for_and_nests_reasons():
    with pytest.raises(DateError) as caught:
        parse_date("31/2/2020")
    err = caught.value
    assert err.render("vi") == "Ngày 31/02/2020 không tồn tại"
    assert err.render("en") == "There is no such day as 31/02/2020"
    locked = DataFileLocked("x.json", 42, "may-2")
    assert "PID 42 trên máy may-2" in locked.render("vi")
    assert "PID 42 on may-2" in locked.render("en")


def test_str_follows_the_process_language():
    err = DvkError("date.empty")
    try:
        messages.set_language("en")
        assert str(err) == "No date entered"
    finally:
        messages.set_language("vi")
    assert str(err) == "Chưa nhập ngày"


def test_messages_survive_a_json_round_trip():
    label = Message("label.undo", label=Message("label.add", noun=Message("noun.tasks"), what="Báo cáo"))
    again = Message.from_json(label.to_json())
    assert again == label
    assert again.render("en") == "undo: add task “Báo cáo”"


def test_unknown_keys_and_bad_parameters_never_crash():
    assert render("no.such.key") == "no.such.key"
    assert render("date.no_such_day", "vi") == MESSAGES["date.no_such_day"][0]


@pytest.mark.parametrize("lang", messages.LANGS)
def test_every_key_renders_in_both_languages_with_every_parameter(lang):
    """Each message is rendered as a person would see it: each parameter shows, no brace is left over."""
    problems = []
    for key, pair in MESSAGES.items():
        names = _fields(pair[0])
        params = {name: f"<{name}>" for name in names}
        text = render(key, lang, **params)
        missing = [name for name in names if f"<{name}>" not in text]
        if missing or "{" in text.replace("{{", "") or text == key:
            problems.append(f"{key} [{lang}]: {text!r}")
    assert not problems, "\n".join(problems)
