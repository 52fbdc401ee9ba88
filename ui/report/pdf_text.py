"""Making the report's PDF text extract as the characters that were written.

Qt's PDF writer builds each font's ToUnicode map by looking a glyph up in the font's character map
and takes the first code point that uses it. Noto Sans CJK shares glyphs between a radical and its
ideograph (U+2EE3 ⻋ and U+8F66 车 are one glyph), so copy-paste and text search would find "⻋"
where the report says "车". fix_to_unicode() rewrites those entries to the ideograph that shares the
glyph, in place (same byte length, so the PDF's offsets stay valid). The same happens to the space:
fonts map TAB and CR to the space glyph, so extracted words came out tab-separated.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtGui import QFont, QRawFont

_RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals
_SPACE_ALIASES = {0x09: 0x20, 0x0D: 0x20}
_UNIFIED = range(0x4E00, 0xA000)
_CMAP = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_ARRAY = re.compile(rb"\[([^\]]*)\]")
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


@cache
def radical_map(family: str) -> dict[int, int]:
    """Radical code point -> the unified ideograph drawn with the same glyph in `family`."""
    raw = QRawFont.fromFont(QFont(family))
    if not raw.isValid():
        return {}
    unified = "".join(chr(c) for c in _UNIFIED)
    by_glyph: dict[int, int] = {}
    for cp, glyph in zip(_UNIFIED, raw.glyphIndexesForString(unified), strict=True):
        if glyph:
            by_glyph.setdefault(glyph, cp)
    radicals = "".join(chr(c) for c in _RADICALS)
    out = {}
    for cp, glyph in zip(_RADICALS, raw.glyphIndexesForString(radicals), strict=True):
        if glyph and glyph in by_glyph:
            out[cp] = by_glyph[glyph]
    return out


def fix_to_unicode(pdf: bytes, family: str) -> bytes:
    mapping = {**radical_map(family), **_SPACE_ALIASES}

    def fix_hex(m: re.Match[bytes]) -> bytes:
        cp = int(m.group(1), 16)
        return b"<%04X>" % mapping[cp] if cp in mapping else m.group(0)

    def fix_array(m: re.Match[bytes]) -> bytes:
        return b"[" + _HEX.sub(fix_hex, m.group(1)) + b"]"

    def fix_cmap(m: re.Match[bytes]) -> bytes:
        lines = []
        for line in m.group(1).split(b"\n"):
            if b"[" in line:
                line = _ARRAY.sub(fix_array, line)
            else:
                tokens = _HEX.findall(line)
                if len(tokens) == 3:  # <lo> <hi> <first destination>
                    head, _, last = line.rpartition(b"<")
                    line = head + _HEX.sub(fix_hex, b"<" + last)
            lines.append(line)
        return b"beginbfrange" + b"\n".join(lines) + b"endbfrange"

    return _CMAP.sub(fix_cmap, pdf)
