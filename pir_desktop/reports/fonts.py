"""Which embedded font draws each character of a PDF report.

No one font covers Latin, Greek, Cyrillic, Arabic, Hebrew, CJK and emoji,
and ReportLab draws a run of text in one font. ``PdfFonts.markup`` splits
text into runs, each in the first face of ``FACES`` that has its
characters, and writes them as ReportLab paragraph markup. The faces are
the TrueType files in ``resources/fonts`` (see its README for licences);
each loads the first time a character needs it, so an English report never
reads the 4 MB CJK font. That one is not shipped (too big for the
repository) but looked for where the system keeps it. A face whose file is
missing is skipped; a
character no face has cannot be drawn (nor found by a search), so it is
collected in ``missing``, which the export reports as a warning.

ReportLab registers fonts in its own process-wide table; the names used
here are prefixed so they cannot clash with anything else registered.

Importing this module also corrects ReportLab's ToUnicode maps (what PDF
readers use to copy and search text): ReportLab writes a character beyond
U+FFFF as five hex digits, which readers cut to four (so 🔥 came out as
"ὒ"), and shaped Arabic glyphs map to presentation forms (U+FE70...) that
search does not match. The replacement writes UTF-16 and the nominal
letters.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import resources_dir


@dataclass(frozen=True)
class Face:
    name: str
    regular: str
    bold: str | None = None
    shaped: bool = False  # joins letters with HarfBuzz (Arabic, Hebrew points)
    # Where the system may have it, for a face too big to ship (tried in order).
    system: tuple[str, ...] = ()
    install_hint: str = ""


# Droid Sans Fallback is 4 MB, too big to keep in the repository; Debian's
# fonts-droid-fallback installs it (packaging/system_deps.sh does).
_CJK_ON_SYSTEM = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
)


FACES: tuple[Face, ...] = (
    Face("PIR-Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    Face("PIR-Arabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", shaped=True),
    Face("PIR-Hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", shaped=True),
    # Symbols before CJK: the CJK font is the slowest to load and few reports need it.
    Face("PIR-Symbols", "Symbola-symbols.ttf"),
    Face(
        "PIR-CJK",
        "DroidSansFallbackFull.ttf",  # Chinese and Japanese; no Hangul
        system=_CJK_ON_SYSTEM,
        install_hint="Chinese and Japanese need Droid Sans Fallback "
        "(Debian: apt-get install fonts-droid-fallback)",
    ),
    Face("PIR-Korean", "NanumSquareR.ttf"),
)
# Used when resources/fonts is missing altogether: Latin-1 only, but a PDF all the same.
BUILTIN = "Helvetica"

# Invisible characters that belong to the run before them: zero-width joiners,
# variation selectors (the emoji presentation selector U+FE0F), marks.
_JOINERS = {0x200C, 0x200D, 0xFE0E, 0xFE0F}


def _to_unicode_text(code: int) -> str:
    text = chr(code)
    if 0xFB00 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        text = unicodedata.normalize("NFKC", text) or text
        if len(text) > 1 and unicodedata.bidirectional(text[0]) in ("R", "AL"):
            # A right-to-left ligature (lam-alef) is drawn as one glyph; readers
            # reverse right-to-left text character by character, so it is stored
            # in drawing order for them to turn back.
            text = text[::-1]
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{_to_unicode_text(code)}>" for index, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@dataclass
class _Loaded:
    face: Face
    codes: frozenset[int]


@dataclass
class PdfFonts:
    """The fonts of one export; ``markup`` is what the renderer calls."""

    folder: Path = field(default_factory=lambda: resources_dir() / "fonts")
    missing: set[str] = field(default_factory=set)
    _loaded: dict[str, _Loaded | None] = field(default_factory=dict)

    @property
    def not_found(self) -> list[Face]:
        """The faces looked for and found neither in ``folder`` nor on the system."""
        return [face for face in FACES if face.name in self._loaded and not self._loaded[face.name]]

    @property
    def base(self) -> str:
        loaded = self._load(FACES[0])
        return loaded.face.name if loaded else BUILTIN

    @property
    def base_bold(self) -> str:
        loaded = self._load(FACES[0])
        return f"{loaded.face.name}-Bold" if loaded else f"{BUILTIN}-Bold"

    def _load(self, face: Face) -> _Loaded | None:
        if face.name in self._loaded:
            return self._loaded[face.name]
        regular = self.folder / face.regular
        if not regular.is_file():
            regular = next((Path(p) for p in face.system if Path(p).is_file()), regular)
        loaded = None
        if regular.is_file():
            font = _register(face.name, regular, face.shaped)
            bold_name = face.name
            if face.bold and (self.folder / face.bold).is_file():
                bold_name = f"{face.name}-Bold"
                _register(bold_name, self.folder / face.bold, face.shaped)
            addMapping(face.name, 0, 0, face.name)
            addMapping(face.name, 0, 1, face.name)
            addMapping(face.name, 1, 0, bold_name)
            addMapping(face.name, 1, 1, bold_name)
            loaded = _Loaded(face, frozenset(font.face.charToGlyph))
        self._loaded[face.name] = loaded
        return loaded

    def base_has(self, text: str) -> bool:
        """Whether the base face draws every character of ``text`` (left to right)."""
        loaded = self._load(FACES[0])
        if loaded is None:
            return all(ord(char) < 0x100 for char in text)
        codes = loaded.codes
        return all(ord(char) in codes for char in text) and not needs_shaping(text)

    def face_for(self, char: str) -> str | None:
        code = ord(char)
        for face in FACES:
            loaded = self._load(face)
            if loaded is not None and code in loaded.codes:
                return face.name
        return None

    def _has(self, face_name: str | None, char: str) -> bool:
        face = next((f for f in FACES if f.name == face_name), None)
        loaded = self._load(face) if face is not None else None
        return loaded is not None and ord(char) in loaded.codes

    def runs(self, text: str) -> list[tuple[str, str]]:
        """``text`` as (face name, piece) runs, in order."""
        runs: list[tuple[str, str]] = []
        base = self.base
        for char in text:
            current = runs[-1][0] if runs else None
            joins = ord(char) in _JOINERS or unicodedata.category(char).startswith("M")
            # A space stays with the run before it (an Arabic phrase is one
            # shaped run) only if that face draws a space: Symbola's subset
            # does not, and "▲ over" showed a box.
            spaced = char.isspace() and char != "\n" and self._has(current, char)
            if current is not None and (joins or spaced):
                face = current
            else:
                face = self.face_for(char)
                if face is None:
                    if not char.isspace():
                        self.missing.add(char)
                    face = current or base
            if runs and runs[-1][0] == face:
                runs[-1] = (face, runs[-1][1] + char)
            else:
                runs.append((face, char))
        return runs

    def markup(self, text: str, every_run: bool = False) -> str:
        """ReportLab paragraph markup for plain ``text``; line breaks become <br/>.

        Runs in the base face carry no tag unless ``every_run`` (for a paragraph
        whose own font is another face).
        """
        base = self.base
        out = []
        for face, piece in self.runs(text):
            escaped = escape(piece).replace("\n", "<br/>")
            tagged = every_run or face != base
            out.append(f'<font face="{face}">{escaped}</font>' if tagged else escaped)
        return "".join(out)


def _register(name: str, path: Path, shaped: bool) -> TTFont:
    if name in pdfmetrics.getRegisteredFontNames():  # by an earlier export in this process
        return pdfmetrics.getFont(name)
    font = TTFont(name, str(path), shapable=shaped)
    pdfmetrics.registerFont(font)
    return font


def is_right_to_left(text: str) -> bool:
    """True when the first letter with a direction is Arabic or Hebrew (Unicode's rule P2)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def needs_shaping(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)
