"""CAP 1.2 (OASIS Common Alerting Protocol) XML to our alert fields."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from console.protocol.intake import IntakeError

NS = "{urn:oasis:names:tc:emergency:cap:1.2}"

_SEVERITY = {"Extreme": "critical", "Severe": "major", "Moderate": "minor", "Minor": "info", "Unknown": "info"}
_CATEGORY = {"CBRNE": "hazmat_vehicle", "Transport": "hazmat_vehicle", "Infra": "illegal_construction"}


def _text(node: Element | None, tag: str) -> str | None:
    if node is None:
        return None
    child = node.find(NS + tag)
    return child.text.strip() if child is not None and child.text else None


def parse_cap(xml: bytes) -> list[dict[str, Any]]:
    """One alert object per <info> block (usually one), ready for parse_alert()."""
    try:
        root = SafeET.fromstring(xml)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise IntakeError(f"not well-formed CAP XML: {exc}") from None
    if root.tag != NS + "alert":
        raise IntakeError("not a CAP 1.2 document: the root must be <alert> in the CAP 1.2 namespace")
    identifier = _text(root, "identifier")
    sent = _text(root, "sent")
    if not identifier or not sent:
        raise IntakeError("CAP alert needs <identifier> and <sent>")
    infos = root.findall(NS + "info")
    if not infos:
        raise IntakeError("CAP alert has no <info> block")
    alerts = []
    for index, info in enumerate(infos):
        event = _text(info, "event")
        severity = _text(info, "severity")
        if not event or severity not in _SEVERITY:
            raise IntakeError("CAP <info> needs <event> and a <severity> of Extreme/Severe/Moderate/Minor/Unknown")
        params = {
            _text(p, "valueName"): _text(p, "value") for p in info.findall(NS + "parameter")
        }
        category = params.get("hall:category") or _CATEGORY.get(_text(info, "category") or "", "other")
        alert: dict[str, Any] = {
            "category": category,
            "severity": _SEVERITY[severity],
            "title": _text(info, "headline") or event,
            "description": _text(info, "description") or "",
            "source_ref": identifier if len(infos) == 1 else f"{identifier}#{index}",
            "occurred_at": _text(info, "onset") or sent,
        }
        area = info.find(NS + "area")
        if area is not None:
            alert["address"] = _text(area, "areaDesc") or ""
            point = _text(area, "circle") or (_text(area, "polygon") or "").split(" ")[0]
            if point:
                try:
                    lat, lon = (float(v) for v in point.split(" ")[0].split(",")[:2])
                except ValueError:
                    raise IntakeError(f"CAP area has an unreadable point '{point}'") from None
                alert["lat"], alert["lon"] = lat, lon
        alerts.append(alert)
    return alerts
