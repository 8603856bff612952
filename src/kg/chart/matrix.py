"""The matrix: labelled rows × labelled columns (slanted), a filled square per cell that has one,
optionally a number in it, and a legend of swatches. Used as a participation matrix (a colour per
role) and as a heat map (a colour per count). Every cell is a link."""
from __future__ import annotations

import math
from dataclasses import dataclass

from .svg import anchor, cut, dark, esc, num, root, text, width

CELL_W, CELL_H, PAD = 30, 22, 10
ROW_ROOM, COLUMN_ROOM, SIZE = 340, 200, 11  # px for row labels and column labels, at font size SIZE
SLANT = 60  # degrees the column labels rise from the horizontal


@dataclass
class Cell:
    row: int  # index into the rows
    column: int  # index into the columns
    href: str
    fill: str  # #rrggbb
    text: str = ""  # drawn in the cell (a count)
    title: str = ""  # the tooltip


def matrix_svg(rows: list[str], columns: list[str], cells: list[Cell], title: str, css_class: str = "matrix",
               caption: str = "", legend: list[tuple[str, str]] | None = None, empty: str = "Nothing to show.") -> str:
    """The chart as an <svg> element. `legend` is (colour, label) pairs drawn as swatches under the
    `caption`; `empty` is shown when there is no cell."""
    row_labels = [cut(r, ROW_ROOM, SIZE) for r in rows]
    column_labels = [cut(c, COLUMN_ROOM, SIZE) for c in columns]
    cos, sin = math.cos(math.radians(SLANT)), math.sin(math.radians(SLANT))
    longest = max([width(c, SIZE) for c in column_labels] or [0])
    left = PAD + max([width(r, SIZE) for r in row_labels] + [longest * cos - CELL_W / 2, 0]) + 8
    grid_w, grid_h = CELL_W * len(columns), CELL_H * len(rows)
    legend = legend or []
    foot = grid_h + PAD + longest * sin + 14
    legend_w = sum(width(label, SIZE) + 34 for _c, label in legend)
    w = max(left + grid_w, PAD + width(caption, SIZE), PAD + legend_w, 300) + PAD
    h = foot + (18 if caption else 0) + (20 if legend else 0) + PAD
    parts = [root(css_class, title, w, h)]
    if not cells:
        parts.append(f'<text x="{PAD}" y="{PAD + 14}" font-size="13" fill="#555">{esc(empty)}</text>')
    parts += _labels(row_labels, rows, column_labels, columns, left)
    parts += [_cell(c, left) for c in sorted(cells, key=lambda c: (c.row, c.column, c.href))
              if 0 <= c.row < len(rows) and 0 <= c.column < len(columns)]
    y = PAD + foot
    if caption:
        parts.append(f'<text class="caption" x="{PAD}" y="{num(y)}" font-size="{SIZE}" fill="#555">{text(caption)}</text>')
        y += 20
    parts += _legend(legend, y)
    parts.append("</svg>")
    return "".join(parts)


def _labels(row_labels: list[str], rows: list[str], column_labels: list[str], columns: list[str],
            left: float) -> list[str]:
    out = []
    for i, (label, full) in enumerate(zip(row_labels, rows)):
        out.append(f'<text class="row" x="{num(left - 6)}" y="{num(PAD + CELL_H * i + CELL_H / 2 + 4)}" '
                   f'font-size="{SIZE}" fill="#222" text-anchor="end">{text(label)}<title>{esc(full)}</title></text>')
    below = PAD + CELL_H * len(row_labels) + 6
    for j, (label, full) in enumerate(zip(column_labels, columns)):
        x, y = num(left + CELL_W * j + CELL_W / 2 + 4), num(below)
        out.append(f'<text class="column" x="{x}" y="{y}" transform="rotate(-{SLANT} {x} {y})" font-size="{SIZE}" '
                   f'fill="#222" text-anchor="end">{text(label)}<title>{esc(full)}</title></text>')
    return out


def _cell(c: Cell, left: float) -> str:
    x, y = left + CELL_W * c.column, PAD + CELL_H * c.row
    out = [f'<rect x="{num(x)}" y="{num(y)}" width="{CELL_W}" height="{CELL_H}" fill="{esc(c.fill)}" '
           f'stroke="#fff" stroke-width="1.5"/>']
    if c.text:
        ink = "#fff" if dark(c.fill) else "#333"
        out.append(f'<text x="{num(x + CELL_W / 2)}" y="{num(y + CELL_H / 2 + 4)}" font-size="10" fill="{ink}" '
                   f'text-anchor="middle">{text(c.text)}</text>')
    return anchor(c.href, c.title, out)


def _legend(legend: list[tuple[str, str]], y: float) -> list[str]:
    out, x = [], PAD
    for colour, label in legend:
        out.append(f'<rect x="{num(x)}" y="{num(y - 11)}" width="14" height="14" fill="{esc(colour)}"/>'
                   f'<text class="legend" x="{num(x + 19)}" y="{num(y)}" font-size="{SIZE}" fill="#333">'
                   f'{text(label)}</text>')
        x += width(label, SIZE) + 34
    return out
