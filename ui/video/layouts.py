"""Wall layouts: which grid cells each slot spans. Qt-free so tours and tests can use it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WallLayout:
    name: str
    rows: int
    cols: int
    cells: tuple[tuple[int, int, int, int], ...]  # (row, col, row_span, col_span) per slot

    @property
    def slots(self) -> int:
        return len(self.cells)

    def is_large(self, slot: int) -> bool:
        """A slot spanning more than one cell of a 3x3 or finer grid (the big tile of 1+5)."""
        _, _, rs, cs = self.cells[slot]
        return rs * cs > 1


def _grid(n: int) -> WallLayout:
    return WallLayout(str(n * n), n, n, tuple((r, c, 1, 1) for r in range(n) for c in range(n)))


LAYOUTS: dict[str, WallLayout] = {
    "1": _grid(1),
    "4": _grid(2),
    "9": _grid(3),
    "16": _grid(4),
    "1+5": WallLayout("1+5", 3, 3, ((0, 0, 2, 2), (0, 2, 1, 1), (1, 2, 1, 1), (2, 0, 1, 1), (2, 1, 1, 1),
                                     (2, 2, 1, 1))),
}
MAX_SLOTS = max(layout.slots for layout in LAYOUTS.values())
