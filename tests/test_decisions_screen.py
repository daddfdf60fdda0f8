"""The Decisions screen, driven by the keyboard: capture, the form, the review flow, calibration."""

from __future__ import annotations

from conftest import TODAY, make_app
from textual.widgets import DataTable, Input, Static, TextArea

from techtime.services import decisions as service
from techtime.tui.form import Form
from techtime.tui.screens.decision_forms import DecisionForm
from techtime.tui.screens.decisions import DecisionsScreen


async def open_decisions(pilot):
    await pilot.pause()
    pilot.app.push_screen(DecisionsScreen())
    await pilot.pause()
    return pilot.app.screen


def cell_titles(screen) -> list[str]:
    table = screen.query_one("#decisions-journal", DataTable)
    return [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]  # the title: the last column shown


async def test_a_capture_from_the_decisions_screen_lands_in_the_journal(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_decisions(pilot)
        assert "No decisions yet" in str(screen.query_one("#decisions-record", Static).render())
        await pilot.press("c", *"dec Kafka KRaft before the upgrade conf:70 review:Mar 3 #kafka", "enter")
        await pilot.pause()
        assert cell_titles(app.screen) == ["Kafka KRaft before the upgrade"]
        entry = service.journal(db, TODAY).entries[0]
        assert (entry.decision.status, entry.confidence, str(entry.next_review)) == ("proposed", 70, "2027-03-03")


def said(form, selector: str) -> str:
    return str(form.query_one(selector, Static).content)


async def set_field(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    if isinstance(widget, TextArea):
        widget.text = ""
    else:
        await pilot.press("end", "ctrl+u")
    await pilot.press(*text)


async def test_the_form_refuses_bad_input_keeping_what_was_typed_then_saves_the_whole_record(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_decisions(pilot)
        before = len(service.journal(demo_db, TODAY).entries)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DecisionForm)
        await pilot.press(*"Buy a feature-flag service")
        await set_field(pilot, "#field-confidence", "45")
        await set_field(pilot, "#field-o0-title", "LaunchDarkly")
        await set_field(pilot, "#field-o0-cost", "$30k/yr")
        await set_field(pilot, "#field-o1-title", "Build on Postgres")
        await set_field(pilot, "#field-chosen", "1")
        await set_field(pilot, "#field-consulted", "@ghost")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        # Every field that is wrong says so under itself, at once.
        assert said(form, "#note-confidence").startswith("confidence: '45' is not accepted")
        assert said(form, "#note-consulted").startswith("consulted: '@ghost' is not on the roster")
        assert "Nothing was saved" in said(form, "#form-error")
        await set_field(pilot, "#field-confidence", "75")
        assert form.query_one("#field-title", Input).value == "Buy a feature-flag service"  # kept as typed
        assert len(service.journal(demo_db, TODAY).entries) == before  # nothing saved
        await set_field(pilot, "#field-consulted", "@pri")
        await pilot.press("right")  # takes the roster's completion
        assert form.query_one("#field-consulted", Input).value == "@priya"
        # What takes two fields is checked on saving, and said under the field it names.
        await set_field(pilot, "#field-chosen", "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert said(form, "#note-chosen").startswith("chosen option: '3' is not accepted")
        assert said(form, "#note-chosen").endswith("(1, 2)")
        await set_field(pilot, "#field-chosen", "1")
        await set_field(pilot, "#field-prediction", "Flags in every service within a quarter")
        await set_field(pilot, "#field-q0", "Yes: nothing to run")  # the first build-vs-buy question
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DecisionsScreen)
    saved = next(e for e in service.journal(demo_db, TODAY).entries if e.decision.title == "Buy a feature-flag service")
    record = service.record(demo_db, saved.decision.id)
    assert (record.confidence, record.decision.consulted, record.prediction) == (
        75, ("priya",), "Flags in every service within a quarter"
    )  # fmt: skip
    assert [(o.title, o.cost, o.chosen) for o in record.options] == [
        ("LaunchDarkly", "$30k/yr", True), ("Build on Postgres", "", False)
    ]  # fmt: skip
    assert [(a.text, a.answer) for a in record.answers] == [
        ("Can our team maintain this long-term?", "Yes: nothing to run")
    ]
    assert [str(r.due_on) for r in record.open_reviews] == ["2027-02-24"]


async def test_a_due_review_is_done_from_the_top_of_the_journal_and_calibration_updates(demo_db):
    before = service.calibration(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_decisions(pilot)
        assert "2 to review" in str(screen.query_one("#decisions-head", Static).render())
        assert cell_titles(screen)[0] == "Buy a managed developer portal"  # due, so on top
        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, Form) and "Predicted: " in str(form.query_one(".form-title", Static).content)
        await pilot.press(*"Teams onboarded in 10 weeks; nobody runs it full time")
        await set_field(pilot, "#field-held", "y")
        assert said(form, "#note-held") == "held"
        await set_field(pilot, "#field-grade", "4")
        assert said(form, "#note-grade").startswith("4: good")
        await set_field(pilot, "#field-lesson", "Ask teams who run it, not the docs")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "1 to review" in str(screen.query_one("#decisions-head", Static).render())
        await pilot.press("v")
        await pilot.pause()
        shown = str(screen.query_one("#decisions-record", Static).render())
        assert "Calibration" in shown and "Reviewed: 8" in shown
    after = service.calibration(demo_db)
    assert (after.reviewed, after.held) == (before.reviewed + 1, before.held + 1)
    band = {b.label: b for b in after.bands}["70-79 %"]
    assert band.calls == {b.label: b for b in before.bands}["70-79 %"].calls + 1


async def test_a_review_without_a_verdict_is_refused_and_nothing_is_saved(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_decisions(pilot)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"It went fine", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Form)
        assert said(app.screen, "#note-held").startswith("held: '' is not accepted")
        assert said(app.screen, "#note-grade").startswith("process grade: '' is not accepted")
    assert service.count_due(demo_db, TODAY) == 2


async def test_snooze_moves_the_due_review_and_delete_is_undone(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_decisions(pilot)
        await pilot.press("z")
        await pilot.pause()
        await pilot.press("ctrl+s")  # "in 2 weeks"
        await pilot.pause()
        assert service.count_due(demo_db, TODAY) == 1
        assert cell_titles(screen)[0] == "Multi-region active-passive for the API gateway"
        # The cursor followed the snoozed call down the journal: d deletes it, u brings it back.
        await pilot.press("d")
        await pilot.pause()
        assert "Buy a managed developer portal" not in cell_titles(screen)
        await pilot.press("u")
        await pilot.pause()
        assert "Buy a managed developer portal" in cell_titles(screen)


async def test_editing_a_decided_call_amends_its_confidence_and_escape_asks_before_throwing_typing_away(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_decisions(pilot)
        assert cell_titles(screen)[0] == "Buy a managed developer portal"
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DecisionForm) and "amendment" in said(form, ".form-frozen")
        await set_field(pilot, "#field-confidence", "90")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form and "Unsaved changes" in said(form, "#form-error")
        assert form.query_one("#field-confidence", Input).value == "90"  # still there
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        portal = service.journal(demo_db, TODAY).entries[0].decision
        assert service.record(demo_db, portal.id).amendments == ()  # thrown away: nothing saved

        await pilot.press("e")
        await pilot.pause()
        await set_field(pilot, "#field-confidence", "90")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    record = service.record(demo_db, portal.id)
    assert (record.decision.confidence, record.confidence) == (75, 90)  # as first written, and as amended
    assert [(a.field, a.value, a.on) for a in record.amendments] == [("confidence", "90", TODAY)]
