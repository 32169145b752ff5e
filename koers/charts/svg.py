"""The chart functions. Every chart has role="img" with a <title> and <desc>, uses SVG
presentation attributes only (no style attributes, so a strict CSP holds) and renders the same
in a browser and in WeasyPrint."""

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

COLOURS = {
    "actual": "#1d5c73",
    "target": "#b86200",
    "baseline": "#8a949a",
    "grid": "#e1e3df",
    "green": "#2e7d4f",
    "orange": "#b86200",
    "red": "#b3261e",
    "muted": "#5f6b72",
}


@dataclass
class Series:
    name: str
    values: list  # floats or None (a missing period), one per x position
    colour: str = COLOURS["actual"]
    dashed: bool = False


@dataclass
class Point:
    x: float
    y: float
    label: str = ""
    size: float = 1.0  # relative, 0..1
    colour: str = COLOURS["actual"]
    tag: str = ""  # a short mark drawn on the dot (the title only shows on hover)


@dataclass
class _Frame:
    width: int
    height: int
    left: int = 44
    right: int = 12
    top: int = 12
    bottom: int = 28
    lo: float = 0.0
    hi: float = 1.0
    n: int = 1
    ticks: list = field(default_factory=list)

    def x(self, i: float) -> float:
        inner = self.width - self.left - self.right
        if self.n == 1:  # a single period sits in the middle, not on the axis
            return self.left + inner / 2
        return self.left + (inner * i / (self.n - 1))

    def y(self, v: float) -> float:
        inner = self.height - self.top - self.bottom
        span = (self.hi - self.lo) or 1.0
        return self.top + inner * (1 - (v - self.lo) / span)


def _open(width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
    ]


def _bounds(values, extra=()) -> tuple[float, float]:
    known = [v for v in values if v is not None] + [v for v in extra if v is not None]
    if not known:
        return 0.0, 1.0
    lo, hi = min(known), max(known)
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    pad = (hi - lo) * 0.08
    return lo - pad, hi + pad


def _path(frame: _Frame, values) -> str:
    """A polyline that breaks at missing periods instead of drawing through them."""
    parts, pen_down = [], False
    for i, value in enumerate(values):
        if value is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{frame.x(i):.1f},{frame.y(value):.1f}")
        pen_down = True
    return " ".join(parts)


def fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}".rstrip("0").rstrip(".")


def sparkline(values, width: int = 120, height: int = 28, target=None, title: str = "") -> str:
    frame = _Frame(width, height, left=2, right=2, top=3, bottom=3, n=len(values))
    frame.lo, frame.hi = _bounds(values, [target])
    known = [v for v in values if v is not None]
    desc = f"{len(known)} values, last {fmt(known[-1])}" if known else "no values yet"
    out = _open(width, height, title or "Trend", desc)
    if target is not None:
        y = frame.y(target)
        out.append(
            f'<line x1="0" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{COLOURS["target"]}" stroke-width="1" stroke-dasharray="3 2"/>'
        )
    if known:
        out.append(
            f'<path d="{_path(frame, values)}" fill="none" stroke="{COLOURS["actual"]}" '
            'stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round"/>'
        )
        last = max(i for i, v in enumerate(values) if v is not None)
        out.append(
            f'<circle cx="{frame.x(last):.1f}" cy="{frame.y(values[last]):.1f}" r="2.2" '
            f'fill="{COLOURS["actual"]}"/>'
        )
    out.append("</svg>")
    return "".join(out)


def line_chart(
    series: list[Series],
    labels: list[str],
    width: int = 720,
    height: int = 260,
    title: str = "",
    desc: str = "",
    baseline=None,
    annotations=None,
    y_range=None,
    unit: str = "",
) -> str:
    """Lines over periods (e.g. actual vs target), an optional baseline and notes at positions.

    `y_range` fixes the scale (e.g. 0–100 for percentages) instead of fitting it to the data.
    """
    frame = _Frame(width, height, n=max(len(labels), 1))
    if y_range:
        frame.lo, frame.hi = y_range
    else:
        frame.lo, frame.hi = _bounds([v for s in series for v in s.values], [baseline])
    out = _open(width, height, title, desc)
    for k in range(5):
        value = frame.lo + (frame.hi - frame.lo) * k / 4
        y = frame.y(value)
        out.append(
            f'<line x1="{frame.left}" x2="{width - frame.right}" y1="{y:.1f}" '
            f'y2="{y:.1f}" stroke="{COLOURS["grid"]}"/>'
        )
        out.append(
            f'<text x="{frame.left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="10" fill="{COLOURS["muted"]}">{escape(fmt(value))}{unit}</text>'
        )
    step = max(1, len(labels) // 8)
    for i, label in enumerate(labels):
        if i % step == 0 or i == len(labels) - 1:
            last = i == len(labels) - 1 and len(labels) > 1
            anchor = "end" if last else "start" if i == 0 and len(labels) > 1 else "middle"
            out.append(
                f'<text x="{frame.x(i):.1f}" y="{height - 8}" text-anchor="{anchor}" '
                f'font-size="10" fill="{COLOURS["muted"]}">{escape(label)}</text>'
            )
    if baseline is not None:
        y = frame.y(baseline)
        out.append(
            f'<line x1="{frame.left}" x2="{width - frame.right}" y1="{y:.1f}" '
            f'y2="{y:.1f}" stroke="{COLOURS["baseline"]}" stroke-dasharray="2 3"/>'
        )
    for s in series:
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        out.append(
            f'<path d="{_path(frame, s.values)}" fill="none" stroke={quoteattr(s.colour)} '
            f'stroke-width="2"{dash}/>'
        )
        for i, v in enumerate(s.values):
            if v is not None and not s.dashed:
                out.append(
                    f'<circle cx="{frame.x(i):.1f}" cy="{frame.y(v):.1f}" r="2.5" '
                    f"fill={quoteattr(s.colour)}><title>{escape(labels[i])}: "
                    f"{escape(fmt(v))}</title></circle>"
                )
    for i, note in annotations or []:
        x = frame.x(i)
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{frame.top}" '
            f'y2="{height - frame.bottom}" stroke="{COLOURS["muted"]}" '
            f'stroke-dasharray="1 3"><title>{escape(note)}</title></line>'
        )
        out.append(
            f'<circle cx="{x:.1f}" cy="{frame.top + 4}" r="4" fill="{COLOURS["muted"]}">'
            f"<title>{escape(note)}</title></circle>"
        )
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    items: list[tuple[str, float, str]], width: int = 360, title: str = "", desc: str = ""
) -> str:
    """Horizontal bars: (label, value, colour) each."""
    row, label_width = 22, 140
    height = row * len(items) + 8
    top = max((v for _, v, _ in items), default=1) or 1
    out = _open(width, height, title, desc)
    for i, (label, value, colour) in enumerate(items):
        y = 4 + i * row
        length = (width - label_width - 50) * max(value, 0) / top
        out.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end" font-size="11" '
            f'fill="{COLOURS["muted"]}">{escape(label)}</text>'
        )
        out.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="14" rx="2" '
            f"fill={quoteattr(colour)}/>"
        )
        out.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + 14}" font-size="11">'
            f"{escape(fmt(value))}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def matrix_chart(
    points: list[Point],
    x_label: str,
    y_label: str,
    x_range=(1, 5),
    y_range=(1, 5),
    width: int = 420,
    height: int = 420,
    title: str = "",
    desc: str = "",
    quadrants: tuple[str, str, str, str] | None = None,
) -> str:
    """A scatter in a 2×2 field; `quadrants` names them (top-left, top-right, bottom-left,
    bottom-right)."""
    pad = 40
    inner_w, inner_h = width - 2 * pad, height - 2 * pad

    def sx(v):
        return pad + inner_w * (v - x_range[0]) / ((x_range[1] - x_range[0]) or 1)

    def sy(v):
        return pad + inner_h * (1 - (v - y_range[0]) / ((y_range[1] - y_range[0]) or 1))

    out = _open(width, height, title, desc)
    out.append(
        f'<rect x="{pad}" y="{pad}" width="{inner_w}" height="{inner_h}" fill="none" '
        f'stroke="{COLOURS["grid"]}"/>'
    )
    mid_x, mid_y = pad + inner_w / 2, pad + inner_h / 2
    out.append(
        f'<line x1="{mid_x}" x2="{mid_x}" y1="{pad}" y2="{height - pad}" '
        f'stroke="{COLOURS["grid"]}"/>'
    )
    out.append(
        f'<line x1="{pad}" x2="{width - pad}" y1="{mid_y}" y2="{mid_y}" '
        f'stroke="{COLOURS["grid"]}"/>'
    )
    if quadrants:
        spots = [
            (pad + 6, pad + 14, "start"),
            (width - pad - 6, pad + 14, "end"),
            (pad + 6, height - pad - 6, "start"),
            (width - pad - 6, height - pad - 6, "end"),
        ]
        for (x, y, anchor), name in zip(spots, quadrants, strict=True):
            out.append(
                f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="10" '
                f'fill="{COLOURS["muted"]}">{escape(name)}</text>'
            )
    out.append(
        f'<text x="{width / 2}" y="{height - 10}" text-anchor="middle" font-size="11">'
        f"{escape(x_label)}</text>"
    )
    out.append(
        f'<text x="14" y="{height / 2}" text-anchor="middle" font-size="11" '
        f'transform="rotate(-90 14 {height / 2})">{escape(y_label)}</text>'
    )
    for p in points:
        r = 5 + 9 * max(0.0, min(p.size, 1.0))
        out.append(
            f'<circle cx="{sx(p.x):.1f}" cy="{sy(p.y):.1f}" r="{r:.1f}" '
            f'fill={quoteattr(p.colour)} fill-opacity="0.75" stroke="#fff">'
            f"<title>{escape(p.label)}</title></circle>"
        )
        if p.tag:
            out.append(
                f'<text x="{sx(p.x):.1f}" y="{sy(p.y) + 3.5:.1f}" text-anchor="middle" '
                f'font-size="10" font-weight="bold" fill="#fff">{escape(p.tag)}</text>'
            )
    out.append("</svg>")
    return "".join(out)
