"""Realistic simulated alerts from the hall's four kinds of source."""

from __future__ import annotations

import base64
import random
from typing import Any

from console.domain.geography import District
from console.sim.scenes import construction_snapshot

PLATE_PREFIX = ["苏A", "苏H", "皖A", "浙B"]
HAZMAT_EVENTS = [
    ("超速行驶", "speeding", "major"), ("偏离核定路线", "route deviation", "critical"),
    ("禁区停车", "stopped in a restricted zone", "critical"), ("禁行时段行驶", "driving in banned hours", "major"),
    ("罐体压力异常", "tank pressure out of range", "critical"), ("罐体温度异常", "tank temperature out of range",
                                                            "major"),
    ("疲劳驾驶", "fatigue driving", "minor"),
]
CARGO = ["液化石油气", "汽油", "柴油", "液氨", "盐酸", "甲醇"]
HOTLINE = [
    ("共享单车占用人行道", "市民来电反映：{addr}人行道上大量共享单车乱停乱放，行人无法通行，请尽快清理。", "minor"),
    ("夜间施工噪音扰民", "市民来电反映：{addr}附近工地夜间22点后仍在施工，噪音很大，影响休息。", "major"),
    ("路灯不亮", "市民来电反映：{addr}一段路灯已连续多日不亮，夜间出行不安全。", "minor"),
    ("占道经营", "市民来电反映：{addr}有流动摊贩长期占道经营，油烟和垃圾影响环境。", "minor"),
    ("下水道井盖缺失", "市民来电反映：{addr}路口一处井盖缺失，存在安全隐患，请立即处置。", "critical"),
    ("小区垃圾未及时清运", "市民来电反映：{addr}小区垃圾已堆放三天未清运，气味很大。", "info"),
]
ROADS = ["龙华路", "青山大道", "河西大街", "东桥路", "南湖路", "北山路", "新阳街", "高新大道", "金陵路", "沙河街"]


class AlertGenerator:
    def __init__(self, district: District, seed: int | None = None) -> None:
        self.district = district
        self.rng = random.Random(seed)
        self.plates = [f"{self.rng.choice(PLATE_PREFIX)}{self.rng.randint(10000, 99999)}" for _ in range(40)]
        self.order_no = 20261100000 + self.rng.randint(0, 99999)

    def _position(self) -> tuple[float, float]:
        min_lon, min_lat, max_lon, max_lat = self.district.bbox
        return (round(self.rng.uniform(min_lat, max_lat), 6), round(self.rng.uniform(min_lon, max_lon), 6))

    def _address(self) -> str:
        return f"{self.rng.choice(ROADS)}{self.rng.randint(1, 300)}号"

    def hazmat(self) -> dict[str, Any]:
        plate = self.rng.choice(self.plates)
        event, event_en, severity = self.rng.choice(HAZMAT_EVENTS)
        lat, lon = self._position()
        cargo = self.rng.choice(CARGO)
        return {
            "category": "hazmat_vehicle", "severity": severity,
            "title": f"危化品车辆{plate}{event}",
            "description": f"车牌 {plate}，装载{cargo}，{event}。车速 {self.rng.randint(20, 95)} km/h。",
            # The telematics platform repeats an ongoing anomaly: same plate + event = same alert.
            "source_ref": f"{plate}:{event_en}", "lat": lat, "lon": lon, "address": self._address(),
            "extra": {"plate": plate, "cargo": cargo, "event": event_en},
        }

    def construction(self) -> dict[str, Any]:
        camera = self.rng.choice(self.district.cameras)
        image = construction_snapshot(self.rng)
        return {
            "category": "illegal_construction", "severity": self.rng.choice(["major", "minor"]),
            "title": f"疑似违章搭建：{camera.name}",
            "description": "视频巡查发现疑似新建彩钢棚，请核实。",
            "camera": camera.id, "lat": camera.lat, "lon": camera.lon,
            "attachments": [{"name": f"{camera.id}-snapshot.png", "mime": "image/png",
                             "data": base64.b64encode(image).decode()}],
        }

    def hotline(self) -> dict[str, Any]:
        title, text, severity = self.rng.choice(HOTLINE)
        self.order_no += 1
        lat, lon = self._position()
        address = self._address()
        return {
            "category": "hotline_order", "severity": severity, "title": title,
            "description": text.format(addr=address), "source_ref": f"12345-{self.order_no}",
            "lat": lat, "lon": lon, "address": address,
            "extra": {"caller": f"{self.rng.choice('张王李赵刘陈杨黄')}先生/女士",
                      "phone": f"139****{self.rng.randint(1000, 9999)}"},
        }

    def camera_fault(self) -> dict[str, Any]:
        camera = self.rng.choice(self.district.cameras)
        kind = self.rng.choice(["offline", "frozen"])
        return {
            "category": "camera_fault", "severity": "minor",
            "title": f"摄像机{'离线' if kind == 'offline' else '画面冻结'}：{camera.name}",
            "source_ref": f"{camera.id}:{kind}", "camera": camera.id, "town": camera.town,
        }

    def next(self) -> dict[str, Any]:
        roll = self.rng.random()
        if roll < 0.4:
            return self.hazmat()
        if roll < 0.75:
            return self.hotline()
        if roll < 0.95:
            return self.construction()
        return self.camera_fault()
