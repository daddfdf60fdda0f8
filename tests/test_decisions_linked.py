"""One key (N) on a deep dive or a radar item starts a decision linked to it."""

from __future__ import annotations

from conftest import make_app
from textual.widgets import Input, Static

from techtime.services import decisions as service
from techtime.store import radar
from techtime.tui.screens.decision_forms import DecisionForm
from techtime.tui.screens.decisions import DecisionsScreen
from techtime.tui.screens.dives import DivesScreen
from techtime.tui.screens.radar import RadarScreen
from techtime.tui.widgets.paged_table import PagedTable


async def save_the_form_and_read_the_record(pilot, link: str) -> str:
    form = pilot.app.screen
    assert isinstance(form, DecisionForm)
    assert link in str(form.query_one("#decision-link", Static).render())
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, DecisionsScreen)
    return str(screen.query_one("#decisions-record", Static).render())


async def test_n_on_a_deep_dive_starts_a_decision_linked_to_it(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        dives = app.screen
        assert isinstance(dives, DivesScreen)
        dive = dives._dive()
        assert dive is not None
        await pilot.press("N")
        await pilot.pause()
        assert app.current_mode == "decisions"
        assert app.screen.query_one("#field-title", Input).value == dive.title
        shown = await save_the_form_and_read_the_record(pilot, f"deep dive: {dive.title}")
        assert dive.title in shown and "Deep dive" in shown
    assert dive.title in [decision.title for decision in service.for_dive(demo_db, dive.id)]


async def test_n_on_a_radar_item_starts_a_decision_linked_to_it(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, RadarScreen)
        item_id = app.screen.query_one(PagedTable).current_key
        assert item_id is not None
        item = radar.get_item(demo_db, item_id)
        assert item is not None
        await pilot.press("N")
        await pilot.pause()
        assert app.screen.query_one("#field-title", Input).value == f"Adopt {item.title}?"
        shown = await save_the_form_and_read_the_record(pilot, f"radar item: {item.title}")
        assert item.title in shown
    assert [decision.title for decision in service.for_radar_item(demo_db, item.id)] == [f"Adopt {item.title}?"]
