"""HTML: one self-contained, script-free page that prints on A4 and reads on a phone."""

from __future__ import annotations

import re


def test_page_is_self_contained(demo, html_of) -> None:
    page = demo.output("html").decode()
    parsed = html_of(page)
    tags = [tag for tag, _ in parsed.tags]
    assert "script" not in tags and "iframe" not in tags and "link" not in tags
    assert "img" not in tags and "object" not in tags
    for _, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on")
            if name in ("src", "href", "action"):
                assert not re.match(r"\s*(https?:|//)", value or "")
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org)", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_page_prints_and_fits_a_phone(demo) -> None:
    page = demo.output("html").decode()
    assert '<meta name="viewport" content="width=device-width' in page
    assert "@page { size: A4" in page and "@media print" in page
    assert "break-inside: avoid" in page and "break-after: avoid" in page
    assert page.count("<section ") == 5


def test_page_content(demo, html_of) -> None:
    parsed = html_of(demo.output("html").decode())
    text = "".join(parsed.text)
    headings = [t for t, _ in parsed.tags if t == "h2"]
    assert len(headings) == 5
    for words in (
        "Care summary for Margaret (Peggy) Okafor",
        "In charge of my care",
        "Tom Brennan, Heart failure specialist nurse",
        "Medicines I take now",
        "Questions I want to ask",
        "What did the blood tests show about my kidneys?",
        "Furosemide 40 mg",
        "phone 01632 960101",
    ):
        assert words in text
    assert "&" not in "".join(parsed.text).replace("&", "")  # entities decode cleanly
