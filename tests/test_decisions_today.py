"""Due reviews on Today and in `techtime today`: the Decisions section, from the registry."""

from __future__ import annotations

from datetime import timedelta

from conftest import NOW, TODAY, make_app
from textual.widgets import OptionList, TextArea

from techtime.cli import main
from techtime.services import checkin
from techtime.services import decisions as service
from techtime.store import decisions as store
from techtime.tui.form import Form
from techtime.tui.screens.decisions import DecisionsScreen
from techtime.tui.screens.today import TodayScreen


def a_call(db, title: str, *, due_in: int, confidence: int | None = 80) -> int:
    decision_id = store.add_decision(
        db, title=title, decided_on=TODAY - timedelta(days=120), now=NOW, status="decided", confidence=confidence
    )
    store.add_review_date(db, decision_id, TODAY + timedelta(days=due_in))
    return decision_id


def test_no_review_due_shows_no_decisions_section(db):
    a_call(db, "Buy a managed developer portal", due_in=3)
    found = checkin.build(db, TODAY)
    assert found.section("decisions") is None
    assert not found.is_empty  # the journal holds a call: not a first run


def test_due_reviews_are_a_section_a_line_each_and_the_suggestion(db):
    first = a_call(db, "Buy a managed developer portal", due_in=-5)
    second = a_call(db, "Postgres over DynamoDB for the ledger", due_in=0, confidence=None)
    a_call(db, "Not yet", due_in=10)
    section = checkin.build(db, TODAY).section("decisions")
    assert section is not None
    assert section.title == "2 decisions to review"
    assert [line.id for line in section.lines] == [f"decision:{first}", f"decision:{second}"]
    assert [line.state for line in section.lines] == ["overdue", "due today"]
    assert "80 % sure" in section.lines[0].text
    suggestion = checkin.build(db, TODAY).suggestion
    assert suggestion is not None and "Buy a managed developer portal" in suggestion.action
    assert "80 % sure" in suggestion.reason


def test_techtime_today_prints_the_due_reviews(db, db_path, capsys):
    a_call(db, "Buy a managed developer portal", due_in=-5)
    assert main(["--db", str(db_path), "today"]) == 0
    out = capsys.readouterr().out
    assert "1 decision to review" in out
    assert "Buy a managed developer portal  (80 % sure)" in out
    assert "Next: Review the decision 'Buy a managed developer portal'" in out


def test_techtime_today_says_nothing_of_decisions_when_none_is_due(db, db_path, capsys):
    a_call(db, "Buy a managed developer portal", due_in=30)
    assert main(["--db", str(db_path), "today"]) == 0
    assert "decision" not in capsys.readouterr().out.lower()


async def test_a_review_due_on_today_opens_on_decisions_is_written_and_leaves_today(db):
    a_call(db, "Postgres over DynamoDB for the ledger", due_in=-1)
    wanted = a_call(db, "Buy a managed developer portal", due_in=0)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        options = app.screen.query_one("#checkin", OptionList)
        ids = [option.id for option in options.options]
        options.highlighted = ids.index(f"decision:{wanted}")
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "decisions"
        screen = app.screen
        assert isinstance(screen, DecisionsScreen)
        assert screen.selected_id() == wanted
        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, Form)
        form.query_one("#field-happened", TextArea).text = "The portal is live; teams onboard themselves"
        for selector, text in (("#field-held", "yes"), ("#field-grade", "4")):
            form.query_one(selector).focus()
            await pilot.press(*text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("1")
        await pilot.pause()
        options = app.screen.query_one("#checkin", OptionList)
        ids = [option.id for option in options.options]
        assert f"decision:{wanted}" not in ids
        assert "1 decision to review" in [str(option.prompt) for option in options.options]
    assert wanted not in [item.review.decision_id for item in service.due_reviews(db, TODAY)]
