"""Small SVG charts drawn on the server: no script, nothing fetched by the browser.

A speaker's quotes per month (bars) and a figure's values over time (dots on a time axis). The
charts are plain SVG with a <title> on every bar and dot, so hovering tells the exact number and
a screen reader reads them.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 640, 180, 28


def bars(series: list[tuple[str, int]], label: str) -> Markup:
    """Bars for (month, count) pairs, months in order."""
    if not series:
        return Markup("")
    top = max(c for _, c in series) or 1
    step = (WIDTH - 2 * PAD) / len(series)
    out = [f'<svg class="nf-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}">']
    for i, (month, count) in enumerate(series):
        h = (HEIGHT - 2 * PAD) * count / top
        x, y = PAD + i * step, HEIGHT - PAD - h
        out.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" height="{h:.1f}">'
                   f'<title>{escape(month)}: {count}</title></rect>')
    for i, (month, _) in enumerate(series):
        if len(series) <= 12 or i % max(1, len(series) // 8) == 0:
            out.append(f'<text x="{PAD + (i + 0.5) * step:.1f}" y="{HEIGHT - 8}" text-anchor="middle">{escape(month)}</text>')
    out.append(f'<text x="4" y="{PAD - 10}">{top} max</text></svg>')
    return Markup("".join(out))


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def points(series: list[tuple[str, float, str]], label: str) -> Markup:
    """Dots for (published date, value, what it is) triples: a figure's values over time."""
    dated = [(d, v, t) for s, v, t in series if (d := _day(s)) is not None and v is not None]
    if not dated:
        return Markup("")
    first, last = min(d for d, _, _ in dated), max(d for d, _, _ in dated)
    low, high = min(v for _, v, _ in dated), max(v for _, v, _ in dated)
    span, rng = max((last - first).days, 1), (high - low) or 1

    def xy(d, v):
        return PAD + (WIDTH - 2 * PAD) * (d - first).days / span, HEIGHT - PAD - (HEIGHT - 2 * PAD) * (v - low) / rng

    out = [f'<svg class="nf-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}">',
           f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}"/>']
    for d, v, t in dated:
        x, y = xy(d, v)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{d}: {v:g} ({escape(t)})</title></circle>')
    out.append(f'<text x="{PAD}" y="{HEIGHT - 8}">{first}</text>'
               f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" text-anchor="end">{last}</text>'
               f'<text x="4" y="{PAD - 10}">{low:g} to {high:g}</text></svg>')
    return Markup("".join(out))
