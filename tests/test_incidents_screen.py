"""The Incidents screen (6), driven from the keyboard: what it saves and what it shows."""

from __future__ import annotations

from datetime import timedelta

from conftest import NOW, TODAY, make_app, run_cli
from textual.widgets import DataTable, Input, OptionList, Static, TextArea

from techtime.domain.incidents import IncidentFields
from techtime.domain.quarters import Quarter
from techtime.services import incidents as service
from techtime.store import dives, people
from techtime.store.database import open_database
from techtime.tui.form import Form
from techtime.tui.screens.incidents import IncidentsScreen

SIZE = (120, 40)


def log(db, title, *, day=TODAY, **fields):
    return service.save_incident(db, IncidentFields(title=title, day=day, **fields), today=TODAY, now=NOW)


async def open_incidents(pilot) -> IncidentsScreen:
    await pilot.press("6")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, IncidentsScreen)
    return screen


def titles(screen) -> list[str]:
    table = screen.query_one("#incidents-table", DataTable)
    return [table.get_row_at(i)[2].plain for i in range(table.row_count)]


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def options(screen, selector: str) -> list[str]:
    found = screen.query_one(selector, OptionList)
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def fill(pilot, form, values: dict[str, str]) -> None:
    for name, value in values.items():
        field = form.query_one(f"#field-{name}")
        field.focus()
        if isinstance(field, TextArea):
            field.text = value
        else:
            assert isinstance(field, Input)
            field.value = value
    await pilot.pause()


def rows(db):
    return (
        [tuple(row) for row in db.rows("SELECT * FROM incident ORDER BY id")],
        [tuple(row) for row in db.rows("SELECT * FROM incident_follow_up ORDER BY id")],
    )


# Looking ---------------------------------------------------------------------------------------------


async def test_the_quarter_s_incidents_newest_first_with_systemic_ones_marked(db):
    log(db, "Ledger stall", day=TODAY - timedelta(days=20), severity="sev1", pattern="systemic")
    log(db, "Checkout 502s", severity="sev2", pattern="one-off")
    log(db, "Last quarter's", day=Quarter.containing(TODAY).first_day - timedelta(days=3))
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_incidents(pilot)
        assert titles(screen) == ["Checkout 502s", "Ledger stall"]
        table = screen.query_one("#incidents-table", DataTable)
        assert [table.get_row_at(i)[4].plain for i in range(2)] == ["one-off", "◆ systemic"]
        header = text_of(screen, "#incidents-quarter")
        assert "2026Q4" in header and "2 incidents, 1 systemic" in header and "SEV1 1" in header
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert titles(screen) == ["Last quarter's"]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert "No incidents in 2027Q1" in text_of(screen, "#incidents-empty")


async def test_an_incident_captured_from_the_shell_shows_on_screen_6_within_two_seconds(db, db_path):
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_incidents(pilot)
        assert "No incidents in 2026Q4" in text_of(screen, "#incidents-empty")
        result = run_cli("add", "inc", "Checkout 502s sev:2 #gateway", db_path=db_path)
        assert result.returncode == 0, result.stderr
        # The app polls the file's data_version every second: it is on screen within 2 s of the commit.
        for _ in range(20):
            await pilot.pause(0.1)
            if titles(screen):
                break
        assert titles(screen) == ["Checkout 502s"]
        assert "#gateway" in text_of(screen, "#incident-summary")


async def test_open_follow_ups_of_every_quarter_are_listed_and_x_ticks_one(db):
    people.add_person(db, handle="sam", name="Sam", now=NOW)
    old = log(db, "Kafka disk full", day=Quarter.containing(TODAY).first_day - timedelta(days=10))
    service.add_follow_up(db, old, text="Size-based retention", owner="sam")
    new = log(db, "Checkout 502s")
    service.add_follow_up(db, new, text="Pool per node")
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_incidents(pilot)
        assert [line.split(" · ")[0].strip() for line in options(screen, "#incidents-open")] == [
            "○ Size-based retention  @sam",
            "○ Pool per node",
        ]
        screen.query_one("#incidents-open").focus()
        await pilot.press("x")
        await pilot.pause()
        assert [line.split(" · ")[0].strip() for line in options(screen, "#incidents-open")] == ["○ Pool per node"]
        assert "Done: Size-based retention" in notifications(pilot.app)


# Writing ---------------------------------------------------------------------------------------------


async def test_n_logs_an_incident_and_bad_input_keeps_the_text_and_saves_nothing(db):
    people.add_person(db, handle="sam", name="Sam", now=NOW)
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_incidents(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, Form)
        bad = {"title": "Checkout 502s", "severity": "sev9", "role": "hero", "postmortem_url": "javascript:x"}
        await fill(pilot, form, bad)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        assert rows(db) == ([], [])
        notes = {name: str(form.query_one(f"#note-{name}", Static).render()) for name in ("severity", "role")}
        assert "unknown severity 'sev9': use one of sev1, sev2, sev3, sev4" in notes["severity"]
        assert "observer, incident commander, comms, decision-maker" in notes["role"]
        assert "http:// or https://" in str(form.query_one("#note-postmortem_url", Static).render())
        assert form.query_one("#field-severity", Input).value == "sev9"
        await fill(pilot, form, {"severity": "2", "role": "ic", "postmortem_url": "", "day": "yesterday",
                                 "systems": "#gateway", "learned": "Pools are per pod."})  # fmt: skip
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        incident = service.quarter_view(db, Quarter.containing(TODAY), TODAY).incidents[0]
        assert incident[1:8] == (
            TODAY - timedelta(days=1), "Checkout 502s", "sev2", ("gateway",), "incident commander", None,
            "Pools are per pod.",
        )  # fmt: skip
        assert titles(screen) == ["Checkout 502s"]


async def test_a_follow_up_owner_not_on_the_roster_is_refused_under_the_field(db):
    people.add_person(db, handle="sam", name="Sam", now=NOW)
    log(db, "Checkout 502s")
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_incidents(pilot)
        await pilot.press("F")
        await pilot.pause()
        form = pilot.app.screen
        await fill(pilot, form, {"text": "Pool per node", "owner": "@zed"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        assert rows(db)[1] == []
        assert "@zed is not on the roster" in str(form.query_one("#form-error", Static).render())
        assert form.query_one("#field-owner", Input).value == "@zed"
        await fill(pilot, form, {"owner": "@sam"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert options(screen, "#incident-follow-ups") == ["○ Pool per node  @sam"]


async def test_m_judges_and_p_promotes_a_systemic_incident_to_a_deep_dive_shown_on_both_screens(db):
    incident_id = log(db, "Ledger stall", systems=("kafka",))
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_incidents(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert any("only a systemic incident becomes a deep dive" in n for n in notifications(pilot.app))
        assert dives.count_all(db) == 0
        await pilot.press("m")
        await pilot.pause()
        assert service.get_incident(db, incident_id).pattern == "systemic"
        await pilot.press("p")
        await pilot.pause()
        incident = service.get_incident(db, incident_id)
        assert incident.dive_title == "After the incident: Ledger stall"
        assert "now a deep dive: After the incident: Ledger stall (2026Q4)" in text_of(screen, "#incident-summary")
        await pilot.press("2")
        await pilot.pause()
        summary = str(pilot.app.screen.query_one("#dive-summary", Static).render())
        assert f"from the incident of {TODAY}: Ledger stall" in summary
        await pilot.press("6", "u")
        await pilot.pause()
        assert service.get_incident(db, incident_id).dive_id is None
        assert dives.count_all(db) == 0


async def test_w_offers_the_incident_review_questions_from_the_bank(db):
    incident_id = log(db, "Ledger stall", learned="first thoughts")
    async with make_app(db).run_test(size=SIZE) as pilot:
        await open_incidents(pilot)
        await pilot.press("w")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, Form)
        shown = " ".join(str(widget.render()) for widget in form.query(".form-help"))
        assert "What would have told us sooner?" in shown and "Is this systemic or a one-off?" in shown
        await fill(pilot, form, {"learned": "Retries never park a poison event."})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert service.get_incident(db, incident_id).learned == "Retries never park a poison event."
        await pilot.press("u")
        await pilot.pause()
        assert service.get_incident(db, incident_id).learned == "first thoughts"


async def test_delete_takes_the_incident_and_its_follow_ups_and_u_brings_them_back(db):
    incident_id = log(db, "Checkout 502s")
    service.add_follow_up(db, incident_id, text="Pool per node")
    before = rows(db)
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_incidents(pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert rows(db) == ([], [])
        await pilot.press("u")
        await pilot.pause()
        assert rows(db) == before
        assert titles(screen) == ["Checkout 502s"]


async def test_user_text_is_shown_as_text(db):
    log(db, "[bold]red[/bold] \x1b[31mtitle", learned="[link=https://evil.example]x[/link]")
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_incidents(pilot)
        assert titles(screen) == ["[bold]red[/bold] ␛[31mtitle"]
        assert "[link=https://evil.example]x[/link]" in text_of(screen, "#incident-summary")


async def test_the_screen_fits_80_by_24(demo_db):
    async with make_app(demo_db).run_test(size=(80, 24)) as pilot:
        screen = await open_incidents(pilot)
        assert titles(screen)
        for selector in ("#incidents-table", "#incident-detail", "#incidents-open"):
            widget = screen.query_one(selector)
            assert widget.region.height > 0 and widget.region.bottom <= 23, selector


def test_the_database_on_disk_after_a_restart_shows_the_same(db_path):
    """A new app on the same file: nothing about an incident lives in the screen."""
    with open_database(db_path, today=TODAY) as db:
        log(db, "Checkout 502s", pattern="systemic")
    with open_database(db_path, today=TODAY) as db:
        assert service.quarter_view(db, Quarter.containing(TODAY), TODAY).tally.systemic == 1
