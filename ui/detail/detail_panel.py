"""The alert in front of the operator: every field, location, images, deadlines and the timeline."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.domain.alert import Alert
from console.domain.sla import DeadlineStatus, deadline_status
from ui import labels, theme
from ui.detail.image_viewer import ClickableThumb, ImageViewer
from ui.hub_bridge import HubBridge
from ui.queue.alert_table_model import format_span

THUMB = QSize(160, 110)


def fmt_time(epoch: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(epoch)) if epoch else ""


class DetailPanel(QWidget):
    sig_history_loaded = Signal(int, object)  # alert id, list of events (newest first)

    def __init__(self, bridge: HubBridge | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail")
        self.bridge = bridge
        self.alert: Alert | None = None
        self.town_names: dict[str, str] = {}
        self.camera_names: dict[str, str] = {}
        self._images: dict[int, bytes] = {}  # attachment id -> bytes (small session cache)
        self.history: list[dict[str, Any]] = []

        self.heading = QLabel(self, objectName="heading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fields = QWidget(self)
        self.form = QFormLayout(fields)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key, title in self._field_titles():
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.values[key] = value
            self.form.addRow(title, value)
        self.thumbs = QHBoxLayout()
        self.thumbs.setAlignment(Qt.AlignmentFlag.AlignLeft)
        thumbs = QFrame(self)
        thumbs.setLayout(self.thumbs)
        self.timeline = QTreeWidget(self, objectName="timeline")
        self.timeline.setHeaderLabels([self.tr("Time"), self.tr("Who"), self.tr("What"), self.tr("Note")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setWordWrap(True)
        self.timeline.setColumnWidth(0, 140)
        self.timeline.setColumnWidth(1, 80)
        self.timeline.setColumnWidth(2, 170)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(thumbs)  # the pictures first: they say most at a glance
        top_layout.addWidget(fields)
        top_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(top)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        timeline_box = QWidget(self)
        tl = QVBoxLayout(timeline_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(QLabel(self.tr("Timeline (newest first)"), self))
        tl.addWidget(self.timeline)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(scroll)
        split.addWidget(timeline_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(split)
        self.show_alert(None)

    def _field_titles(self) -> list[tuple[str, str]]:
        return [
            ("severity", self.tr("Severity:")), ("category", self.tr("Category:")), ("state", self.tr("State:")),
            ("assignee", self.tr("Assignee:")), ("town", self.tr("Responsible town:")),
            ("location", self.tr("Location:")), ("camera", self.tr("Camera:")),
            ("description", self.tr("Description:")), ("source", self.tr("Source:")),
            ("occurred", self.tr("Occurred:")), ("received", self.tr("Received:")),
            ("ack_due", self.tr("Acknowledge by:")), ("dispatch_due", self.tr("Dispatch by:")),
            ("feedback_due", self.tr("Feedback by:")), ("closed", self.tr("Closed:")),
            ("satisfaction", self.tr("Satisfaction:")), ("duplicates", self.tr("Duplicates:")),
            ("counts", self.tr("Bounced / redone:")), ("extra", self.tr("Source details:")),
            ("version", self.tr("Version:")),
        ]

    # ---- showing
    def show_alert(self, alert: Alert | None, *, reload_history: bool = True) -> None:
        same = alert is not None and self.alert is not None and alert.id == self.alert.id
        changed = same and self.alert is not None and alert is not None and alert.version != self.alert.version
        self.alert = alert
        if alert is None:
            self.heading.setText(self.tr("No alert selected"))
            for value in self.values.values():
                value.clear()
            self._clear_thumbs()
            self.timeline.clear()
            self.history = []
            return
        if not same:  # never show another alert's timeline, even for a moment
            self.timeline.clear()
            self.history = []
        colour = theme.SEVERITY_COLOURS[alert.severity].name()
        self.heading.setText(f"<span style='font-size:15pt'><b>#{alert.id}</b> "
                             f"<span style='color:{colour}'>{theme.SEVERITY_GLYPHS[alert.severity]}</span> "
                             f"{_escape(alert.title)}</span>")
        v = self.values
        v["severity"].setText(f"<span style='color:{colour}'>{theme.SEVERITY_GLYPHS[alert.severity]} "
                              f"{labels.severity(alert.severity)}</span>")
        v["category"].setText(labels.category(alert.category))
        v["state"].setText(labels.state(alert.state))
        v["assignee"].setText(alert.assignee or self.tr("(nobody)"))
        town = self.town_names.get(alert.town or "", alert.town or "")
        v["town"].setText(town or self.tr("(unknown)"))
        where = [alert.address]
        if alert.lat is not None and alert.lon is not None:
            where.append(f"{alert.lat:.5f}, {alert.lon:.5f}")
        if alert.grid:
            where.append(self.tr("grid %1").replace("%1", alert.grid))
        v["location"].setText(" · ".join(w for w in where if w))
        v["camera"].setText(self.camera_names.get(alert.camera or "", alert.camera or ""))
        v["description"].setText(alert.description)
        v["source"].setText(f"{alert.source}" + (f"  ({alert.source_ref})" if alert.source_ref else ""))
        v["occurred"].setText(fmt_time(alert.occurred_at))
        v["received"].setText(fmt_time(alert.received_at))
        v["ack_due"].setText(self._deadline(alert.ack_due, alert.acked_at))
        v["dispatch_due"].setText(self._deadline(alert.dispatch_due, alert.dispatched_at))
        v["feedback_due"].setText(self._deadline(alert.feedback_due, alert.feedback_at))
        v["closed"].setText(fmt_time(alert.closed_at))
        v["satisfaction"].setText(labels.satisfaction(alert.satisfaction))
        dup = str(alert.duplicate_count)
        if alert.last_seen_at:
            dup += "  " + self.tr("(last seen %1)").replace("%1", fmt_time(alert.last_seen_at))
        if alert.merged_into:
            dup += "  " + self.tr("merged into #%1").replace("%1", str(alert.merged_into))
        v["duplicates"].setText(dup)
        v["counts"].setText(f"{alert.bounce_count} / {alert.redo_count}")
        v["extra"].setText("  ·  ".join(f"{k}: {val}" for k, val in sorted(alert.extra.items())))
        v["version"].setText(str(alert.version))
        if not same or changed:
            self._show_thumbs(alert)
        if reload_history and (not same or changed):
            self.load_history()

    def _deadline(self, due: float | None, done_at: float | None) -> str:
        status = deadline_status(due, done_at, time.time())
        if status is DeadlineStatus.NONE:
            return ""
        text = fmt_time(due)
        if status is DeadlineStatus.MET:
            return f"{text}  ✓ " + self.tr("met")
        if status is DeadlineStatus.OVERDUE:
            late = (done_at or time.time()) - (due or 0)
            return (f"<span style='color:{theme.RED.name()}'>{text}  ✗ "
                    + self.tr("overdue by %1").replace("%1", format_span(late)) + "</span>")
        left = (due or 0) - time.time()
        colour = theme.AMBER.name() if left < 900 else theme.MUTED_TEXT.name()
        return f"{text}  <span style='color:{colour}'>" + self.tr("%1 left").replace("%1", format_span(left)) \
            + "</span>"

    def refresh_if_shown(self, alerts: list[Alert]) -> None:
        if self.alert is None:
            return
        for a in alerts:
            if a.id == self.alert.id and a.version != self.alert.version:
                self.show_alert(a)

    # ---- timeline
    def load_history(self) -> None:
        if self.alert is None or self.bridge is None or self.bridge.client is None:
            return
        alert_id = self.alert.id
        self.bridge.query("history", lambda events: self._on_history(alert_id, events),
                          lambda _exc: None, alert_id=alert_id)

    def _on_history(self, alert_id: int, events: list[dict[str, Any]]) -> None:
        if self.alert is None or self.alert.id != alert_id:
            return  # the operator moved on
        self.history = events
        self.timeline.clear()
        for e in events:
            what = labels.action(e.get("action", ""))
            if e.get("from_state") != e.get("to_state") and e.get("to_state"):
                what += f"  {labels.state(e.get('from_state') or '')} → {labels.state(e['to_state'])}"
            data = e.get("data") or {}
            extra = ", ".join(f"{k}={v}" for k, v in data.items() if k not in ("data",) and not isinstance(v, dict))
            note = e.get("note") or ""
            item = QTreeWidgetItem([fmt_time(e.get("at")), e.get("actor", ""), what,
                                    note + (f"  [{extra}]" if extra else "")])
            item.setToolTip(3, note)
            self.timeline.addTopLevelItem(item)
        self.sig_history_loaded.emit(alert_id, events)

    # ---- images
    def _clear_thumbs(self) -> None:
        while self.thumbs.count():
            item = self.thumbs.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _show_thumbs(self, alert: Alert) -> None:
        self._clear_thumbs()
        for att in alert.attachments:
            if not att.mime.startswith("image/"):
                continue
            thumb = ClickableThumb(att.name, THUMB, self)
            thumb.setObjectName(f"thumb_{att.id}")
            thumb.sig_clicked.connect(lambda att_id=att.id, name=att.name: self.open_image(att_id, name))
            self.thumbs.addWidget(thumb)
            if att.id in self._images:
                thumb.set_image(self._images[att.id])
            elif self.bridge is not None and self.bridge.client is not None:
                self.bridge.fetch_attachment(
                    att.id, lambda data, t=thumb, i=att.id: self._on_image(i, data, t),
                    lambda exc, t=thumb: t.setText(self.tr("image unavailable")))

    def _on_image(self, attachment_id: int, data: bytes, thumb: ClickableThumb) -> None:
        if len(self._images) > 64:
            self._images.clear()
        self._images[attachment_id] = data
        try:
            thumb.set_image(data)
        except RuntimeError:  # the thumbnail was replaced meanwhile
            pass

    def open_image(self, attachment_id: int, name: str) -> None:
        data = self._images.get(attachment_id)
        if data is None:
            return
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        viewer = ImageViewer(pixmap, name, self)
        viewer.show()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
