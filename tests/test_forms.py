"""The one form, in every place it opens: typed text survives an Escape, a bad value is refused under its
own field, and nothing is saved until the form saves."""

from __future__ import annotations

import pytest
from conftest import database_rows, make_app
from textual.widgets import Input, Static, TextArea

from techtime.tui.form import Form

SIZE = (120, 40)

# (how to open it, a field to type in, a field that takes a bad value, the value, what is said under it)
FORMS = {
    "new deep dive": (["2", "n"], "title", "hours_planned", "lots", "hours planned must be a number of hours"),
    "failure mode": (["2", "F"], "blast_radius", "failure", "  ", "a failure mode needs the failure"),
    "checklist step": (["2", "plus"], "step", "step", "   ", "a checklist step needs some text"),
    "hours spent": (["2", "h"], "hours", "hours", "two", "hours spent must be a number of hours"),
    "target": (["2", "g"], "target", "target", "99", "the target must be a whole number"),
    "checklist template": (["2", "ctrl+t"], "steps", "steps", "\n \n", "needs at least one step"),
    "new practice": (["v", "n"], "name", "cadence", "every blursday", "cannot read the cadence"),
    "edit practice": (["v", "e"], "name", "minutes", "lots", "minutes"),
    "log late": (["v", "l"], "day", "day", "tomorrow", "is in the future"),
    "radar notes": (["3", "e"], "notes", None, "", ""),
    "new engineer": (["4", "n"], "name", "start_date", "someday", "cannot read 'someday' as a date"),
    "log a session": (["4", "l"], "topic", "date", "someday", "cannot read 'someday' as a date"),
}


async def open_form(pilot, keys: list[str]) -> Form:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, Form)
    return form


def field_text(form: Form, name: str) -> str:
    widget = form.query_one(f"#field-{name}")
    return widget.text if isinstance(widget, TextArea) else widget.value


def set_field(form: Form, name: str, text: str) -> None:
    widget = form.query_one(f"#field-{name}")
    if isinstance(widget, TextArea):
        widget.text = text
    else:
        assert isinstance(widget, Input)
        widget.value = text


def said(form: Form, selector: str) -> str:
    return str(form.query_one(selector, Static).content)


@pytest.mark.parametrize("kind", FORMS)
async def test_a_bad_value_is_refused_under_its_field_and_typed_text_survives_one_escape(demo_db, kind):
    keys, typed_field, bad_field, value, error = FORMS[kind]
    before = database_rows(demo_db)
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        form = await open_form(pilot, keys)
        if bad_field is not None:
            set_field(form, bad_field, value)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is form
            assert error in said(form, f"#note-{bad_field}")  # under the field that is wrong
            assert field_text(form, bad_field) == value  # kept as typed
            assert "Nothing was saved" in said(form, "#form-error")

        form.query_one(f"#field-{typed_field}").focus()
        await pilot.press("end", *"typed")
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is form  # still there, with what was typed
        assert "typed" in field_text(form, typed_field)
        assert "Unsaved changes" in said(form, "#form-error")
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is not form
    assert database_rows(demo_db) == before


async def test_escape_closes_a_form_without_changes_at_once(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        form = await open_form(pilot, ["2", "e"])
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is not form


async def test_an_error_from_the_service_that_names_a_field_is_shown_under_it(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        form = await open_form(pilot, ["4", "l"])
        set_field(form, "handle", "@nobody")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "@nobody is not on the roster" in said(form, "#note-handle")
