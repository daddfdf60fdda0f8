"""A deep dive's "challenge the assumptions" step offers the bank's design-review questions (Q), as the
decision form does; the answers are kept on the dive."""

from __future__ import annotations

from conftest import make_app
from textual.widgets import Input, OptionList

from techtime.services import questions as bank
from techtime.tui.screens.dives import DivesScreen
from techtime.tui.screens.question_forms import QuestionsForm


async def test_q_asks_the_design_review_questions_and_keeps_the_answers_on_the_dive(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DivesScreen)
        dive = screen._dive()
        assert dive is not None
        checklist = screen.query_one("#dive-checklist", OptionList)
        steps = [str(checklist.get_option_at_index(i).prompt) for i in range(checklist.option_count)]
        assert (
            [step for step in steps if "Q: the design-review questions" in step]
            == [step for step in steps if "Challenge the assumptions" in step]
            != []
        )
        await pilot.press("Q")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, QuestionsForm)
        offered = bank.offered(demo_db, place="dive_id", place_id=dive.id, groups=bank.FOR_DIVE)
        assert [asked.text for asked in form.questions] == [asked.text for asked in offered]
        assert {asked.group for asked in form.questions} == {"design-review"}
        await pilot.press("end", "ctrl+u", *"Ten times the writes: the outbox partitions hold")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        kept = bank.answers(demo_db, place="dive_id", place_id=dive.id)
        assert {answer.text: answer.answer for answer in kept}[offered[0].text] == (
            "Ten times the writes: the outbox partitions hold"
        )
        assert len(kept) == len([asked for asked in offered if asked.answer]) + (not offered[0].answer)
        await pilot.press("Q")  # asked again: the answer is there
        await pilot.pause()
        assert app.screen.query_one("#field-q0", Input).value == "Ten times the writes: the outbox partitions hold"
