"""Towns, grid cells and cameras of a district, and which town answers for a place."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True, frozen=True)
class Town:
    id: str
    name: str
    name_en: str
    # Bounding box of the town on the map: (min_lon, min_lat, max_lon, max_lat).
    bbox: tuple[float, float, float, float]
    grids: tuple[str, ...] = ()

    def contains(self, lat: float, lon: float) -> bool:
        min_lon, min_lat, max_lon, max_lat = self.bbox
        return min_lon <= lon < max_lon and min_lat <= lat < max_lat


@dataclass(slots=True, frozen=True)
class Camera:
    id: str
    name: str
    url: str
    town: str | None = None
    sub_url: str | None = None
    lat: float | None = None
    lon: float | None = None
    groups: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Camera:
        data = dict(data)
        data["groups"] = tuple(data.get("groups") or ())
        return cls(**data)


@dataclass(slots=True)
class District:
    name: str
    towns: list[Town]
    cameras: list[Camera]
    bbox: tuple[float, float, float, float]
    grid_cols: int = 32
    grid_rows: int = 32
    _grid_town: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._grid_town = {g: t.id for t in self.towns for g in t.grids}

    def town(self, town_id: str) -> Town | None:
        return next((t for t in self.towns if t.id == town_id), None)

    def camera(self, camera_id: str) -> Camera | None:
        return next((c for c in self.cameras if c.id == camera_id), None)

    def grid_at(self, lat: float, lon: float) -> str | None:
        """Grid cells are a regular cols x rows split of the district's box, named 'G0000'."""
        min_lon, min_lat, max_lon, max_lat = self.bbox
        if not (min_lon <= lon < max_lon and min_lat <= lat < max_lat):
            return None
        col = int((lon - min_lon) / (max_lon - min_lon) * self.grid_cols)
        row = int((lat - min_lat) / (max_lat - min_lat) * self.grid_rows)
        return f"G{row * self.grid_cols + col:04d}"

    def responsible_town(self, *, grid: str | None = None, lat: float | None = None,
                         lon: float | None = None) -> str | None:
        """The town that answers for a grid cell or a position, if any."""
        if grid and grid in self._grid_town:
            return self._grid_town[grid]
        if lat is not None and lon is not None:
            cell = self.grid_at(lat, lon)
            if cell in self._grid_town:
                return self._grid_town[cell]
            for town in self.towns:
                if town.contains(lat, lon):
                    return town.id
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "bbox": list(self.bbox), "grid_cols": self.grid_cols,
            "grid_rows": self.grid_rows,
            "towns": [{"id": t.id, "name": t.name, "name_en": t.name_en, "bbox": list(t.bbox),
                       "grids": list(t.grids)} for t in self.towns],
            "cameras": [c.to_dict() for c in self.cameras],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> District:
        towns = [Town(t["id"], t["name"], t.get("name_en", t["id"]), tuple(t["bbox"]), tuple(t.get("grids", ())))
                 for t in data["towns"]]
        cameras = [Camera.from_dict(c) for c in data.get("cameras", [])]
        return cls(data["name"], towns, cameras, tuple(data["bbox"]),
                   data.get("grid_cols", 32), data.get("grid_rows", 32))

    @classmethod
    def load(cls, path: Path) -> District:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


DEMO_DISTRICT_PATH = Path(__file__).resolve().parent.parent / "data" / "demo_district.json"


def demo_district() -> District:
    return District.load(DEMO_DISTRICT_PATH)
