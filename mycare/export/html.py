"""The summary as one self-contained HTML page: readable on a phone, prints cleanly on A4.

No scripts, no fonts or images fetched from anywhere, and a Content-Security-Policy that
forbids them anyway. Every piece of the person's text goes through :func:`html.escape`.
"""

from __future__ import annotations

from html import escape

from .blocks import Block, Fields, Item, Items, Para, Sub, one_line, visible
from .layout import layout
from .summary import Summary

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem; background: #f4f5f7; color: #1b1f24;
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 46rem; margin: 0 auto; background: #fff; padding: 1.25rem 1.5rem;
  border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
header { border-bottom: 3px solid #1d5c8c; margin-bottom: 1rem; padding-bottom: .5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; color: #103a5c; overflow-wrap: anywhere; }
.byline { margin: 0; color: #444; }
.note { margin: .25rem 0 0; color: #555; font-size: .9rem; font-style: italic; }
section { margin: 0 0 1.25rem; }
h2 { font-size: 1.25rem; color: #fff; background: #1d5c8c; margin: 0 0 .5rem;
  padding: .3rem .6rem; border-radius: 4px; }
h3 { font-size: 1.05rem; color: #103a5c; margin: .9rem 0 .3rem;
  border-bottom: 1px solid #d5dde5; }
h4 { font-size: .95rem; color: #333; margin: .6rem 0 .2rem; }
ul, ol { margin: .2rem 0 .5rem; padding-left: 1.3rem; }
li { margin: 0 0 .45rem; overflow-wrap: anywhere; }
.title { font-weight: 600; }
.detail { display: block; color: #333; }
ul.checks { list-style: none; padding-left: .2rem; margin: .2rem 0 0; }
ul.checks li { margin: 0; }
.done::before { content: "\\2713\\00a0"; color: #1a7f37; font-weight: 700; }
.todo::before { content: "\\25CB\\00a0"; color: #777; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .3rem 0; }
dt { font-weight: 600; color: #333; }
dd { margin: 0; overflow-wrap: anywhere; }
.quiet { color: #666; font-style: italic; margin: .2rem 0 .5rem; }
p { margin: .3rem 0 .5rem; }
.title, .detail, dd, li, p { unicode-bidi: plaintext; }
@media (max-width: 30rem) {
  body { padding: 0; }
  main { border-radius: 0; padding: 1rem; box-shadow: none; }
  dl { grid-template-columns: 1fr; }
  dd { margin-bottom: .3rem; }
}
@page { size: A4; margin: 12mm 13mm 14mm; }
@media print {
  body { background: #fff; padding: 0; }
  main { max-width: none; box-shadow: none; padding: 0; border-radius: 0; }
  h2 { background: none; color: #103a5c; border-bottom: 2px solid #1d5c8c; border-radius: 0;
    padding: 0 0 .1rem; }
  body { font-size: 9pt; line-height: 1.25; }
  header { margin-bottom: .4rem; padding-bottom: .2rem; }
  h1 { font-size: 15pt; }
  .note { font-size: 8pt; }
  section { margin-bottom: .5rem; }
  p { margin: .15rem 0 .3rem; }
  ul, ol { margin: .1rem 0 .3rem; }
  dl { gap: 0 .8rem; margin: .15rem 0; }
  h2 { font-size: 11.5pt; }
  h3 { font-size: 10pt; margin-top: .4rem; }
  h4 { font-size: 9pt; margin: .3rem 0 .1rem; }
  li { margin-bottom: .1rem; }
  .rest { columns: 2; column-gap: 7mm; }
  .rest section { break-inside: auto; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  li, dl > * { break-inside: avoid; page-break-inside: avoid; }
}
"""


def text(value: str) -> str:
    """The person's text made safe for HTML, keeping their line breaks."""
    return "<br>".join(escape(line, quote=True) for line in visible(value).split("\n"))


def _item(item: Item) -> str:
    parts = [f'<span class="title">{text(item.title)}</span>' if item.strong else text(item.title)]
    parts += [f'<span class="detail">{text(d)}</span>' for d in item.details if d.strip()]
    if item.checks:
        checks = "".join(
            f'<li class="{"done" if done else "todo"}">{text(t)}'
            f'<span class="sr"> ({"done" if done else "to do"})</span></li>'
            for t, done in item.checks
        )
        parts.append(f'<ul class="checks">{checks}</ul>')
    return "<li>" + "".join(parts) + "</li>"


def _block(block: Block) -> str:
    if isinstance(block, Sub):
        return f"<h{block.level}>{escape(one_line(block.text))}</h{block.level}>"
    if isinstance(block, Para):
        return f'<p class="{"quiet" if block.quiet else "lines"}">{text(block.text)}</p>'
    if isinstance(block, Fields):
        rows = "".join(f"<dt>{escape(k)}</dt><dd>{text(v)}</dd>" for k, v in block.rows)
        return f"<dl>{rows}</dl>"
    assert isinstance(block, Items)
    tag = "ol" if block.numbered else "ul"
    return f"<{tag}>" + "".join(_item(i) for i in block.items) + f"</{tag}>"


def render_html(summary: Summary) -> str:
    """The whole summary as one HTML page."""
    doc = layout(summary)
    body = [
        "<header>",
        f"<h1>{escape(one_line(doc.title))}</h1>",
        f'<p class="byline">{escape(one_line(doc.byline))}</p>',
        f'<p class="note">{escape(doc.note)}</p>',
        "</header>",
    ]
    for number, part in enumerate(doc.parts):
        if number == 1:
            body.append('<div class="rest">')  # printed in two columns, like the PDF
        body.append(f'<section class="part-{part.key}">')
        body.append(f"<h2>{escape(one_line(part.heading))}</h2>")
        body += [_block(b) for b in part.blocks]
        body.append("</section>")
    if len(doc.parts) > 1:
        body.append("</div>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(one_line(doc.title))}</title>\n"
        f"<style>{STYLE}.sr {{ position: absolute; left: -9999px; }}</style>\n"
        "</head>\n<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )
