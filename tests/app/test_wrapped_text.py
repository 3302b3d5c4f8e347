"""The share preview's long text: wrapped off the UI loop, shown as written, rewrapped on resize."""

from __future__ import annotations

import threading

from rich.cells import cell_len
from textual.app import App, ComposeResult

from mycare.ui.widgets import wrapped_text
from mycare.ui.widgets.wrapped_text import WrappedText, wrapped

TEXT = "\n".join(
    [
        "Care summary for [bold]Peggy[/] <script>alert(1)</script>",
        "",
        "王小明 病院 " * 8,
        "नर्स ने कहा " * 6 + "🙂" * 30,
        "",
        "",
        "x" * 200,
        "The end.",
    ]
)


def test_each_line_fits_and_nothing_is_lost() -> None:
    lines = wrapped(TEXT, 17)
    assert all(cell_len(line) <= 17 for line in lines), lines
    joined = "".join(lines).replace(" ", "")
    assert joined == TEXT.replace("\n", "").replace(" ", "")  # every character, in order
    assert lines.count("") == 3  # blank lines stay blank


class Shows(App[None]):
    def compose(self) -> ComposeResult:
        yield WrappedText(id="text")


async def test_it_is_wrapped_in_a_thread_and_shown_as_plain_text(monkeypatch) -> None:
    threads: list[str] = []

    def watched(text: str, width: int) -> list[str]:
        threads.append(threading.current_thread().name)
        return wrapped(text, width)

    monkeypatch.setattr(wrapped_text, "wrapped", watched)
    app = Shows()
    async with app.run_test(size=(40, 12)) as pilot:
        shown = app.query_one(WrappedText)
        shown.show_text(TEXT)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert threads and threading.main_thread().name not in threads
        screen = app.export_screenshot()
        assert "[bold]Peggy[/]" in shown.lines[0]  # markup is shown as typed, never applied
        assert "&lt;script&gt;" in screen  # the SVG escapes it: it was drawn as text
        assert max(cell_len(line) for line in shown.lines) <= 39
        narrow = len(shown.lines)

        await pilot.resize_terminal(24, 12)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown.wrapped_at == shown.width_for_text < 24
        assert len(shown.lines) > narrow  # rewrapped for the new width
        assert max(cell_len(line) for line in shown.lines) <= shown.width_for_text
