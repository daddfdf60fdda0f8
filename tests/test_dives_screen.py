"""The Deep dives screen, driven from the keyboard: what it saves and what it shows."""

from __future__ import annotations

from datetime import datetime

from conftest import NOW, make_app
from textual.widgets import DataTable, Input, Label, OptionList, Static

from techtime.domain.dives import DiveFields
from techtime.domain.quarters import Quarter
from techtime.services import dives as service
from techtime.store import dives, radar
from techtime.tui.form import Form
from techtime.tui.screens.dive_planning import PlanningScreen
from techtime.tui.screens.dives import DivesScreen
from techtime.tui.widgets.findings import FindingsEditor

Q3, Q4, Q1 = Quarter(2026, 3), Quarter(2026, 4), Quarter(2027, 1)
SIZE = (120, 40)
LEDGER = "Payments ledger migration to event sourcing"


async def open_dives(pilot) -> DivesScreen:
    await pilot.press("2")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, DivesScreen)
    return screen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def table_titles(screen) -> list[str]:
    table = screen.query_one("#dives-table", DataTable)
    return [table.get_row_at(i)[2].plain for i in range(table.row_count)]


def checklist_lines(screen) -> list[str]:
    options = screen.query_one("#dive-checklist", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def fill(pilot, form, values: dict[str, str]) -> None:
    """Put text in the form's fields (typing itself is Textual's Input; a few tests type key by key)."""
    for name, value in values.items():
        field = form.query_one(f"#field-{name}", Input)
        field.focus()
        field.value = value
    await pilot.pause()


# Looking ---------------------------------------------------------------------------


async def test_the_quarter_header_list_and_the_selected_dive(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        header = text_of(screen, "#dives-quarter")
        for part in (
            "2026Q4",
            "36 days left",
            "1 planned",
            "1 active",
            "1 done",
            "3 deep dives, target 3",
            "6 candidates",
        ):
            assert part in header
        assert table_titles(screen) == [
            LEDGER,
            "Multi-region failover for the API gateway",
            "Streaming pipeline from Kafka to the warehouse",
        ]
        summary = text_of(screen, "#dive-summary")
        assert "5 of 8 h spent" in summary and "#payments #architecture" in summary
        assert "https://docs.example.com/design/ledger-event-sourcing" in summary
        assert checklist_lines(screen)[:3] == [
            "✔ Read the entire design doc",
            "✔ Simulate the failure modes",
            "○ Challenge the assumptions in the review  Q: the design-review questions",
        ]
        assert screen.query_one("#dive-failures", DataTable).row_count == 2
        assert screen.query_one(FindingsEditor).text.startswith("The outbox relay is single-threaded")

        await pilot.press("down")
        await pilot.pause()
        assert "Multi-region failover" in text_of(screen, "#dive-summary")
        assert screen.query_one("#dive-failures", DataTable).row_count == 0
        assert "none yet: F adds one" in str(screen.query_one("#dive-failures-label", Label).render())


async def test_user_text_is_shown_literally(db):
    service.create_dive(db, DiveFields(title="[bold]Ledger[/bold] \x1b[31m", owner="[red]x"), quarter=Q4, now=NOW)
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        assert table_titles(screen) == ["[bold]Ledger[/bold] ␛[31m"]
        assert "[red]x" in text_of(screen, "#dive-summary")


async def test_moving_between_quarters(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert text_of(screen, "#dives-quarter").startswith("2026Q3  ended")
        assert table_titles(screen) == [
            "Internal developer portal: build or buy",
            "Feature flag service consolidation",
            "Data retention and GDPR partitioning",
            "After the incident: Kafka broker disk full on the events cluster",  # promoted from Incidents
        ]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert text_of(screen, "#dives-quarter").startswith("2027Q1  starts 01 Jan 2027")
        assert not screen.query_one("#dives-table").display
        assert not screen.query_one("#dive-failures").display  # nothing left over from 2026Q4
        assert "No deep dives in 2027Q1 yet." in text_of(screen, "#dives-empty")


# Creating and editing ----------------------------------------------------------------


async def test_create_through_the_form(db):
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, Form)
        assert form.query_one("#field-quarter", Input).value == "2026Q4"
        await pilot.press(*"Ledger migration")
        await fill(
            pilot,
            form,
            {"owner": "Payments", "hours_planned": "8", "tags": "#payments", "doc_url": "https://docs.example.com/l"},
        )
        await pilot.press("enter")
        await pilot.pause()

        assert pilot.app.screen is screen
        [dive] = dives.dives_in_quarter(db, Q4)
        assert (dive.title, dive.owner, dive.hours_planned, dive.tags, dive.doc_url, dive.status) == (
            "Ledger migration",
            "Payments",
            8.0,
            ("payments",),
            "https://docs.example.com/l",
            "planned",
        )
        assert table_titles(screen) == ["Ledger migration"]
        assert checklist_lines(screen)[0] == "○ Read the entire design doc"
        assert len(checklist_lines(screen)) == 4


async def test_the_form_refuses_bad_input_and_saves_nothing(db):
    async with make_app(db).run_test(size=SIZE) as pilot:
        await open_dives(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        await pilot.press("enter")  # no title
        await pilot.pause()
        assert "a deep dive needs a title" in text_of(form, "#note-title")  # under the field that is wrong

        await fill(pilot, form, {"title": "Ledger", "hours_planned": "lots"})
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is form
        assert (
            text_of(form, "#note-hours_planned") == "hours planned must be a number of hours like 6 or 1.5, not 'lots'"
        )
        assert text_of(form, "#note-title") == ""  # fixed: its error is gone

        await fill(pilot, form, {"hours_planned": "8", "quarter": "2026Q5"})
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(form, "#note-quarter").startswith("unknown quarter 2026Q5")
        assert dives.count_all(db) == 0

        await pilot.press("escape")  # typed text is not thrown away at once
        await pilot.pause()
        assert pilot.app.screen is form
        assert "Unsaved changes" in text_of(form, "#form-error")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DivesScreen)
        assert dives.count_all(db) == 0


async def test_a_fourth_dive_warns_but_is_saved(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        await pilot.press("n", *"Fourth one", "enter")
        await pilot.pause()
        assert dives.count_in_quarter(demo_db, Q4) == 4
        assert any("above your target of 3" in m for m in notifications(pilot.app))
        assert "4 deep dives, above your target of 3" in text_of(screen, "#dives-quarter")
        assert table_titles(screen)[-1] == "Fourth one"
        assert "Fourth one" in text_of(screen, "#dive-summary")  # the new dive is selected


async def test_a_capture_shows_up_at_once(db):
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        await pilot.press("c", *"d Search revamp quarter:2026Q4 #search", "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert table_titles(screen) == ["Search revamp"]
        assert "#search" in text_of(screen, "#dive-summary")


async def test_edit_moves_a_dive_to_another_quarter(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        await pilot.press("down", "e")
        await pilot.pause()
        form = pilot.app.screen
        assert form.query_one("#field-title", Input).value == "Multi-region failover for the API gateway"
        await fill(pilot, form, {"quarter": "2027Q1", "hours_spent": "1.5"})
        await pilot.press("enter")
        await pilot.pause()
        moved = dives.dives_in_quarter(demo_db, Q1)
        assert [(d.title, d.hours_spent) for d in moved] == [("Multi-region failover for the API gateway", 1.5)]
        assert len(table_titles(screen)) == 2


async def test_status_hours_and_bad_hours(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        await pilot.press("down", "m")
        await pilot.pause()
        gateway = dives.dives_in_quarter(demo_db, Q4)[1]
        assert gateway.status == "active"

        await pilot.press("h", *"two", "enter")
        await pilot.pause()
        form = pilot.app.screen
        assert text_of(form, "#note-hours") == "hours spent must be a number of hours like 6 or 1.5, not 'two'"
        await pilot.press("escape", "escape")  # the first warns about the typed text, the second leaves
        assert dives.get_dive(demo_db, gateway.id).hours_spent == 0

        await pilot.press("h", *"1.5", "enter")
        await pilot.pause()
        assert dives.get_dive(demo_db, gateway.id).hours_spent == 1.5
        assert "1.5 of 6 h spent" in text_of(screen, "#dive-summary")


# Checklist, failure modes, findings ----------------------------------------------------


async def test_check_items_with_one_key(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        ledger = dives.dives_in_quarter(demo_db, Q4)[0]
        await pilot.press("x")
        await pilot.pause()
        assert dives.get_dive(demo_db, ledger.id).checks_done == 3
        assert checklist_lines(screen)[2] == "✔ Challenge the assumptions in the review  Q: the design-review questions"
        await pilot.press("x")  # the highlight moved on to the next open step
        await pilot.pause()
        assert dives.get_dive(demo_db, ledger.id).progress == "4/4"
        assert "4/4" in screen.query_one("#dives-table", DataTable).get_row_at(0)[1].plain

        # Unchecking: move to the checklist and press x on a done step.
        screen.query_one("#dive-checklist").focus()
        await pilot.press("home", "x")
        await pilot.pause()
        assert [item.done for item in dives.checklist(demo_db, ledger.id)] == [False, True, True, True]

        await pilot.press("1")  # Today shows the progress too
        await pilot.pause()
        options = pilot.app.screen.query_one("#checkin", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("3/4" in p and LEDGER in p for p in prompts)


async def test_add_edit_and_delete_own_steps(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        ledger = dives.dives_in_quarter(demo_db, Q4)[0]
        await pilot.press("plus", *"Read the rollback plan", "enter")
        await pilot.pause()
        assert dives.checklist(demo_db, ledger.id)[-1].text == "Read the rollback plan"
        assert checklist_lines(screen)[-1] == "○ Read the rollback plan"

        screen.query_one("#dive-checklist").focus()
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, pilot.app.screen, {"step": "Read the rollback runbook"})
        await pilot.press("enter")
        await pilot.pause()
        assert dives.checklist(demo_db, ledger.id)[-1].text == "Read the rollback runbook"

        await pilot.press("delete")
        await pilot.pause()
        assert len(dives.checklist(demo_db, ledger.id)) == 4
        await pilot.press("u")
        await pilot.pause()
        assert dives.checklist(demo_db, ledger.id)[-1].text == "Read the rollback runbook"


async def test_add_edit_and_delete_a_failure_mode(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        ledger = dives.dives_in_quarter(demo_db, Q4)[0]
        await pilot.press("F")
        await pilot.pause()
        form = pilot.app.screen
        await pilot.press("enter")
        assert "a failure mode needs the failure" in text_of(form, "#note-failure")
        await pilot.press(*"Ledger DB fails over")
        await fill(pilot, form, {"blast_radius": "All writes for 30 s", "mitigation": "Retry with idempotency keys"})
        await pilot.press("enter")
        await pilot.pause()
        modes = dives.failure_modes(demo_db, ledger.id)
        assert (modes[-1].failure, modes[-1].blast_radius, modes[-1].detection, modes[-1].mitigation) == (
            "Ledger DB fails over",
            "All writes for 30 s",
            "",
            "Retry with idempotency keys",
        )
        table = screen.query_one("#dive-failures", DataTable)
        assert table.row_count == 3
        assert table.get_row_at(2)[0].plain == "Ledger DB fails over"

        table.focus()
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, pilot.app.screen, {"detection": "Failover alert"})
        await pilot.press("enter")
        await pilot.pause()
        assert dives.failure_modes(demo_db, ledger.id)[-1].detection == "Failover alert"

        await pilot.press("delete")
        await pilot.pause()
        assert len(dives.failure_modes(demo_db, ledger.id)) == 2
        assert table.row_count == 2
        await pilot.press("u")
        await pilot.pause()
        assert dives.failure_modes(demo_db, ledger.id)[-1].failure == "Ledger DB fails over"


async def test_findings_are_edited_and_saved(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        gateway = dives.dives_in_quarter(demo_db, Q4)[1]
        await pilot.press("down", "w")
        await pilot.pause()
        editor = screen.query_one(FindingsEditor)
        assert editor.has_focus
        await pilot.press(*"DNS TTL is 300 s", "enter", *"so failover takes 5 min")
        await pilot.press("escape")  # leaving the editor saves
        await pilot.pause()
        assert dives.get_dive(demo_db, gateway.id).findings == "DNS TTL is 300 s\nso failover takes 5 min"
        assert screen.query_one("#dives-table").has_focus

        await pilot.press("w", *" (checked)", "up")  # typing, then moving to another dive: also saved
        screen.query_one("#dives-table").focus()
        await pilot.press("up")
        await pilot.pause()
        assert dives.get_dive(demo_db, gateway.id).findings.endswith("(checked)")
        assert editor.text.startswith("The outbox relay")


async def test_findings_being_typed_survive_a_reload_from_another_process(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        await pilot.press("w", "ctrl+a", *"draft")
        screen.reload()  # what a commit from another process triggers
        await pilot.pause()
        assert "draft" in screen.query_one(FindingsEditor).text


# Dropping, deleting, undo, reorder ------------------------------------------------------


async def test_drop_and_undo(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        ledger = dives.dives_in_quarter(demo_db, Q4)[0]
        await pilot.press("D")
        await pilot.pause()
        assert dives.get_dive(demo_db, ledger.id).status == "dropped"
        assert screen.query_one("#dives-table", DataTable).get_row_at(0)[0].plain == "dropped"
        assert "2 deep dives, target 3" in text_of(screen, "#dives-quarter")
        await pilot.press("u")
        await pilot.pause()
        assert dives.get_dive(demo_db, ledger.id).status == "active"
        assert "3 deep dives, target 3" in text_of(screen, "#dives-quarter")


async def test_undo_puts_back_only_what_the_change_changed(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        await open_dives(pilot)
        gateway = dives.dives_in_quarter(demo_db, Q4)[1]
        await pilot.press("down", "m")  # planned -> active
        await pilot.pause()
        assert dives.get_dive(demo_db, gateway.id).status == "active"
        await pilot.press("h", *"1.5", "enter")  # hours logged since: not a change u takes back
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        after = dives.get_dive(demo_db, gateway.id)
        assert (after.status, after.hours_spent) == ("planned", 1.5)
        assert notifications(pilot.app)[-1] == ("Undid setting 'Multi-region failover for the API gateway' to active.")


async def test_findings_written_in_one_stretch_are_one_undo(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        gateway = dives.dives_in_quarter(demo_db, Q4)[1]
        before = gateway.findings
        await pilot.press("down", "w", *"first part")
        screen.query_one(FindingsEditor).save()  # what the timer does after a pause in typing
        await pilot.press(*" and more", "escape")  # leaving the editor saves again
        await pilot.pause()
        assert dives.get_dive(demo_db, gateway.id).findings.endswith("first part and more")
        await pilot.press("u")
        await pilot.pause()
        assert dives.get_dive(demo_db, gateway.id).findings == before
        assert before in screen.query_one(FindingsEditor).text


async def test_delete_and_undo_bring_back_the_whole_dive(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        ledger = dives.dives_in_quarter(demo_db, Q4)[0]
        await pilot.press("delete")
        await pilot.pause()
        assert dives.get_dive(demo_db, ledger.id) is None
        assert LEDGER not in table_titles(screen)
        await pilot.press("u")
        await pilot.pause()
        back = dives.get_dive(demo_db, ledger.id)
        assert (back.title, back.progress, len(dives.failure_modes(demo_db, ledger.id))) == (LEDGER, "2/4", 2)
        assert table_titles(screen)[0] == LEDGER
        await pilot.press("u")
        await pilot.pause()
        assert notifications(pilot.app)[-1] == "Nothing to undo from the last 24 hours."


async def test_backspace_deletes_too_for_a_macs_delete_key(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        await open_dives(pilot)
        await pilot.press("backspace")
        await pilot.pause()
        assert dives.count_in_quarter(demo_db, Q4, include_dropped=True) == 2


async def test_undo_after_a_restart_uses_the_trash(demo_db):
    ledger = dives.dives_in_quarter(demo_db, Q4)[0]
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        await open_dives(pilot)
        await pilot.press("delete")
        await pilot.pause()
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        await open_dives(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert dives.get_dive(demo_db, ledger.id).title == LEDGER


async def test_reorder_with_shift_arrows(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        await pilot.press("shift+down")
        await pilot.pause()
        assert [d.title for d in dives.dives_in_quarter(demo_db, Q4)][:2] == [
            "Multi-region failover for the API gateway",
            LEDGER,
        ]
        assert table_titles(screen)[1] == LEDGER
        assert LEDGER in text_of(screen, "#dive-summary")  # the moved dive stays selected
        await pilot.press("shift+up")
        await pilot.pause()
        assert table_titles(screen)[0] == LEDGER


# Planning and carry-over ------------------------------------------------------------------


async def test_promote_a_radar_item_from_the_planning_view(demo_db):
    item = radar.find_by_url(demo_db, "https://tigerbeetle.com/")
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        await open_dives(pilot)
        await pilot.press("p")
        await pilot.pause()
        planning = pilot.app.screen
        assert isinstance(planning, PlanningScreen)
        candidates = planning.query_one("#planning-candidates", OptionList)
        assert candidates.highlighted_option.id.startswith("dive:")  # last quarter's unfinished first
        await pilot.press("down")
        assert candidates.highlighted_option.id == f"radar:{item.id}"
        await pilot.press("m")
        await pilot.pause()

        dive_id = radar.get_item(demo_db, item.id).dive_id
        dive = dives.get_dive(demo_db, dive_id)
        assert (dive.title, str(dive.quarter)) == ("TigerBeetle financial database", "2026Q4")
        assert [i.title for i in service.linked_radar_items(demo_db, dive_id)] == ["TigerBeetle financial database"]
        assert any("above your target of 3" in m for m in notifications(pilot.app))
        assert "TigerBeetle" not in " ".join(str(o.prompt) for o in candidates.options)
        assert "TigerBeetle financial database" in text_of(planning, "#planning-quarter")

        await pilot.press("escape")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, DivesScreen)
        assert table_titles(screen)[-1] == "TigerBeetle financial database"

        await pilot.press("u")  # planned by mistake: back on the list of candidates
        await pilot.pause()
        assert dives.get_dive(demo_db, dive_id) is None
        assert radar.get_item(demo_db, item.id).dive_id is None
        assert "TigerBeetle financial database" not in table_titles(screen)


async def test_move_last_quarters_unfinished_dive_in_and_undo(demo_db):
    gdpr = dives.dives_in_quarter(demo_db, Q3)[2]
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        await open_dives(pilot)
        await pilot.press("p", "enter")
        await pilot.pause()
        moved = dives.get_dive(demo_db, gdpr.id)
        assert (str(moved.quarter), moved.carried_from, moved.progress) == ("2026Q4", "2026Q3", "1/4")
        assert moved.findings.startswith("Partitioning by customer region")
        await pilot.press("u")
        await pilot.pause()
        assert str(dives.get_dive(demo_db, gdpr.id).quarter) == "2026Q3"


async def test_carry_over_at_the_end_of_a_quarter(demo_db):
    gdpr = dives.dives_in_quarter(demo_db, Q3)[2]
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        await pilot.press("left_square_bracket", "C")
        await pilot.pause()
        moved = dives.get_dive(demo_db, gdpr.id)
        assert (str(moved.quarter), moved.carried_from, moved.progress) == ("2026Q4", "2026Q3", "1/4")
        # What was finished stays (the incident's dive was done within the quarter).
        assert [d.status for d in dives.dives_in_quarter(demo_db, Q3)] == ["done", "dropped", "done"]
        # The view follows the dives to the next quarter.
        assert text_of(screen, "#dives-quarter").startswith("2026Q4")
        assert table_titles(screen)[-1] == "Data retention and GDPR partitioning"
        assert "carried over from 2026Q3" in text_of(screen, "#dive-summary")
        assert "4 deep dives, above your target of 3" in text_of(screen, "#dives-quarter")

        await pilot.press("u")
        await pilot.pause()
        assert str(dives.get_dive(demo_db, gdpr.id).quarter) == "2026Q3"
        assert dives.get_dive(demo_db, gdpr.id).carried_from is None


# Settings and links -------------------------------------------------------------------------


async def test_target_and_template_are_configurable(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        screen = await open_dives(pilot)
        await pilot.press("g")
        await pilot.pause()
        await fill(pilot, pilot.app.screen, {"target": "2"})
        await pilot.press("enter")
        await pilot.pause()
        assert service.target(demo_db) == 2
        assert "3 deep dives, above your target of 2" in text_of(screen, "#dives-quarter")

        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Form)
        await pilot.press("down", "down", "down", "end", "enter", *"Ask who is on call", "ctrl+s")
        await pilot.pause()
        assert service.checklist_template(demo_db)[-1] == "Ask who is on call"
        assert len(dives.checklist(demo_db, dives.dives_in_quarter(demo_db, Q4)[0].id)) == 4


async def test_open_the_design_doc_only_when_it_is_a_web_link(demo_db, _no_real_browser):
    opened = _no_real_browser
    app = make_app(demo_db)
    ledger = dives.dives_in_quarter(demo_db, Q4)[0]
    async with app.run_test(size=SIZE) as pilot:
        await open_dives(pilot)
        await pilot.press("o")
        await app.workers.wait_for_complete()
        assert opened == ["https://docs.example.com/design/ledger-event-sourcing"]

        # Written by something else than the form, which refuses such links.
        dives.update_dive(demo_db, ledger.id, doc_url="-e javascript:alert(1)", now=datetime(2026, 11, 26))
        pilot.app.screen.reload()
        await pilot.press("o")
        await pilot.pause()
        assert opened == ["https://docs.example.com/design/ledger-event-sourcing"]
        assert any("only http:// and https:// links are opened" in m for m in notifications(pilot.app))
