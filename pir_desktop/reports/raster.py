"""The timeline figure's scene as a PNG, for formats that take a picture (DOCX).

Pillow draws the shapes ``figure.layout`` placed, at 4 pixels per point
(288 dpi) so the picture stays sharp when printed. Labels use the embedded
Noto Sans; without it, Pillow's own font.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..paths import resources_dir
from . import figure as fig

SCALE = 4
_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def _rgb(color: tuple[float, float, float]) -> tuple[int, int, int]:
    return tuple(round(c * 255) for c in color)  # type: ignore[return-value]


def _font(path: Path, size: float):
    try:
        return ImageFont.truetype(str(path), round(size * SCALE))
    except OSError:
        return ImageFont.load_default(round(size * SCALE))


def render_png(scene: fig.Scene, fonts_dir: Path | None = None) -> bytes:
    folder = fonts_dir if fonts_dir is not None else resources_dir() / "fonts"
    width, height = round(scene.width * SCALE), round(scene.height * SCALE)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    cache: dict[tuple[bool, float], object] = {}

    def font(bold: bool, size: float):
        key = (bold, size)
        if key not in cache:
            name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
            cache[key] = _font(folder / name, size)
        return cache[key]

    def point(x: float, y: float) -> tuple[float, float]:
        return x * SCALE, (scene.height - y) * SCALE

    for shape in scene.shapes:
        if isinstance(shape, fig.Line):
            draw.line(
                [point(shape.x1, shape.y1), point(shape.x2, shape.y2)],
                fill=_rgb(shape.color),
                width=max(1, round(shape.width * SCALE)),
            )
        elif isinstance(shape, fig.Bar):
            x1, y1 = point(shape.x, shape.y + shape.height)
            x2, y2 = point(shape.x + shape.width, shape.y)
            draw.rectangle([x1, y1, x2, y2], fill=_rgb(shape.color))
        elif isinstance(shape, fig.Diamond):
            r = shape.radius
            corners = [(shape.x, shape.y + r), (shape.x + r, shape.y), (shape.x, shape.y - r),
                       (shape.x - r, shape.y)]  # fmt: skip
            draw.polygon([point(*c) for c in corners], fill=_rgb(shape.color), outline="white")
        elif isinstance(shape, fig.Label):
            draw.text(
                point(shape.x, shape.y),
                shape.text,
                fill=_rgb(shape.color),
                font=font(shape.bold, shape.size),
                anchor=_ANCHORS[shape.anchor],
            )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
