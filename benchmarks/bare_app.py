"""The reference: a bare Textual app that paints one label.

python benchmarks/bare_app.py          run it in a terminal (first-paint reference)
python benchmarks/bare_app.py --rss    run it headless, print peak memory in MiB
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Label

MARKER = "Hello from a bare Textual app"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label(MARKER)


def peak_mib() -> float:
    """This process's peak resident memory (VmHWM) in MiB.

    Not ru_maxrss: on Linux that keeps the high-water mark of the parent's memory across
    fork and exec, so a child of a big parent would report the parent's size.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _headless() -> None:
    async with BareApp().run_test(size=(80, 24)) as pilot:
        await pilot.pause()


if __name__ == "__main__":
    if "--rss" in sys.argv:
        import asyncio

        asyncio.run(_headless())
        print(peak_mib())
    else:
        BareApp().run()
