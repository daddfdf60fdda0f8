"""techtime's text box (tui/widgets/text_input.py): typing repaints the box, not the whole screen, and it
shows and scrolls a long line exactly as Textual's Input does."""

from __future__ import annotations

from conftest import calls_to, make_app, settle
from test_decisions_screen import open_decisions
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input

from techtime.tui.widgets.text_input import TextInput


async def test_typing_in_a_form_does_not_lay_out_the_screen_on_each_key(demo_db, monkeypatch):
    """Textual's Input laid out all ~140 widgets of the decision form again on each key it took."""
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_decisions(pilot)
        layouts = calls_to(monkeypatch, Screen, "_refresh_layout")
        await pilot.press("n")
        await settle(pilot)
        layouts.clear()
        await pilot.press(*"Buy a feature-flag service")
        await settle(pilot)
        assert app.screen.query_one("#field-title", Input).value == "Buy a feature-flag service"
        assert len(layouts) <= 2, len(layouts)  # Textual's Input: 19 for these 26 keys


class TwoBoxes(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="textual")
        yield TextInput(id="ours")


def shown(box: Input) -> str:
    return box.render_line(0).text


async def test_a_line_longer_than_the_box_scrolls_and_shows_as_textuals_input_does():
    app = TwoBoxes()
    async with app.run_test(size=(24, 8)) as pilot:
        boxes = [app.query_one("#textual", Input), app.query_one("#ours", Input)]
        seen = []
        for keys in ([*"a long line that does not fit in the box"], ["home"], ["end"], ["ctrl+u", *"short"]):
            for box in boxes:
                box.focus()
                await pilot.press(*keys)
            await pilot.pause()
            textual, ours = boxes
            assert (ours.value, ours.cursor_position, ours.scroll_x) == (
                textual.value, textual.cursor_position, textual.scroll_x
            ), keys  # fmt: skip
            assert shown(ours) == shown(textual), keys
            seen.append((ours.scroll_x, shown(ours).strip()))
        assert seen[0][0] > 0 and seen[0][1].endswith("in the box")  # scrolled to the cursor at the end
        assert seen[1][0] == 0 and seen[1][1].startswith("a long line")
        assert seen[2] == seen[0]
        assert seen[3] == (0, "short")


async def test_a_search_that_empties_or_fills_the_radars_list_lays_nothing_out(demo_db, monkeypatch):
    """The table's scroll bar came and went with the list, and its thumb was set by the layout that
    followed: the key's result was painted over two frames. The bar now always shows and the table
    sets its thumb as the list changes."""
    from test_radar_screen import open_radar, table_of

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_radar(pilot)
        table = table_of(app)
        layouts = calls_to(monkeypatch, Screen, "_refresh_layout")
        await pilot.press("slash")
        await settle(pilot)  # the footer's new keys
        totals = []
        for key in ("k", "a", "f", "k", "ctrl+u"):  # 40 items, then 1, then 40 again
            layouts.clear()
            await pilot.press(key)
            await settle(pilot)  # every layout the key led to, in whichever frame it ran
            assert len(layouts) == 0, (key, len(layouts))
            assert table.show_vertical_scrollbar
            assert table.vertical_scrollbar.window_virtual_size == table.total + 1  # + the header line
            totals.append(table.total)
        assert totals[0] == 0 and totals[2] == 1 and totals[-1] == 40


class Followed(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.followed: list[str] = []
        self.changes: list[str] = []

    def compose(self) -> ComposeResult:
        yield TextInput("made with", id="box", follow=self.followed.append)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.changes.append(event.value)


async def test_follow_sees_each_new_value_but_not_the_first_nor_a_prevented_one():
    app = Followed()
    async with app.run_test() as pilot:
        box = app.query_one("#box", TextInput)
        await pilot.pause()
        assert app.followed == []  # the value it is made with
        box.value = ""
        await pilot.press("a")
        assert app.followed == ["", "a"]
        with app.prevent(Input.Changed):
            box.value = "set quietly"
        box.action_end()
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert app.followed == ["", "a", "set quietlyb"]
        assert app.changes == ["made with", "", "a", "set quietlyb"]  # the messages still go out
