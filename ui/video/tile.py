"""One wall tile: paints the newest frame of its stream with a small overlay.

The wall's GUI timer calls ``poll``; the tile repaints only when a new frame arrived or its overlay
text changed. Frames arrive already scaled to the tile by the reader thread. A 4:2:0 (NV12) frame is
converted straight into the window's pixels (the 32-bit picture is written once, where it is shown);
a BGRX frame is painted as a zero-copy QImage, a plain copy.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QRegion,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import QWidget

from console.domain.geography import Camera
from media.capture import CaptureStream, HealthConfig, StreamState, fit_size, fits_cropped
from media.capture.failure import Failure, classify
from media.frame_mailbox import Frame
from media.picture import Nv12Into, is_nv12, nv12_to_bgrx
from ui.video.mime import camera_from_mime, camera_mime


def state_text(state: StreamState) -> str:
    # Spelled out: lupdate reads `tr(a, b)` as a text and its comment, so an alias of translate() put
    # "VideoTile" in the catalogue six times and left the states untranslated.
    return {
        StreamState.CONNECTING: QCoreApplication.translate("VideoTile", "Connecting"),
        StreamState.LIVE: QCoreApplication.translate("VideoTile", "Live"),
        StreamState.STALLED: QCoreApplication.translate("VideoTile", "Stalled"),
        StreamState.FROZEN: QCoreApplication.translate("VideoTile", "Frozen"),
        StreamState.OFFLINE: QCoreApplication.translate("VideoTile", "Offline"),
        StreamState.CLOSED: QCoreApplication.translate("VideoTile", "Closed"),
    }[state]


def failure_text(failure: Failure) -> str:
    """Why a camera is offline, in words an operator acts on (media.capture.failure tells the kind)."""
    return {
        Failure.UNAUTHORIZED: QCoreApplication.translate("VideoTile", "Wrong user name or password"),
        Failure.NOT_FOUND: QCoreApplication.translate("VideoTile", "The camera has no stream at this address"),
        Failure.NO_FILE: QCoreApplication.translate("VideoTile", "No such video file"),
        Failure.REFUSED: QCoreApplication.translate("VideoTile", "Connection refused"),
        Failure.UNKNOWN_HOST: QCoreApplication.translate("VideoTile", "Unknown host name"),
        Failure.NO_ANSWER: QCoreApplication.translate("VideoTile", "No answer from the camera"),
        Failure.NO_VIDEO: QCoreApplication.translate("VideoTile", "Connected, but no video came"),
        Failure.BROKE_OFF: QCoreApplication.translate("VideoTile", "The stream broke off"),
        Failure.UNSUPPORTED: QCoreApplication.translate("VideoTile", "Unsupported video address"),
        Failure.OTHER: QCoreApplication.translate("VideoTile", "Cannot open the stream"),
    }[failure]


BAND = 18  # height of the overlay's text labels (camera and town, clock, state)
LABEL_PAD = 6  # space left and right of a label's text
# An overlay change (state, frame rate, the clock) waits for the next frame to paint it, unless none was taken
# for this long (a stalled or offline stream, or one slower than 10 fps): then it is painted on its own.
OVERLAY_WAITS_FOR_FRAME_S = 0.1

# Window pixel formats an NV12 frame is converted into directly: BGRX bytes with alpha 255 are right in all.
DIRECT_FORMATS = (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32, QImage.Format.Format_ARGB32_Premultiplied)
RGB32, BGR888 = QImage.Format.Format_RGB32, QImage.Format.Format_BGR888  # looked up once: an enum member costs 0.4 us
TX_NONE, TX_TRANSLATE = QTransform.TransformationType.TxNone, QTransform.TransformationType.TxTranslate

STATE_COLORS = {
    StreamState.CONNECTING: QColor(230, 200, 60),
    StreamState.LIVE: QColor(90, 220, 110),
    StreamState.STALLED: QColor(240, 160, 40),
    StreamState.FROZEN: QColor(80, 170, 255),
    StreamState.OFFLINE: QColor(240, 70, 70),
    StreamState.CLOSED: QColor(150, 150, 150),
}


class SharedLabels:
    """Overlay label images and text widths, shared by every tile (GUI thread only). A wall's tiles show the same
    clock and mostly the same state: each second, one tile draws the new clock label and the others reuse it
    (drawing a label's text took ~50 us, measuring it ~6 us; a 4x4 wall did both 16 times a second)."""

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._images: OrderedDict[tuple[object, ...], QImage] = OrderedDict()
        self._widths: OrderedDict[tuple[str, str], int] = OrderedDict()

    def image(self, key: tuple[object, ...]) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def keep(self, key: tuple[object, ...], image: QImage) -> None:
        self._images[key] = image
        if len(self._images) > self._size:
            self._images.popitem(last=False)

    def width(self, font_key: str, metrics: QFontMetrics, text: str) -> int:
        key = (font_key, text)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = metrics.horizontalAdvance(text)
            if len(self._widths) > self._size:
                self._widths.popitem(last=False)
        return width


SHARED_LABELS = SharedLabels()


@dataclass(slots=True)
class TileView:
    """What a tile shows and has painted, in a plain object: the wall's timer and paint events read and
    write it for every frame, and an attribute of a QWidget subclass goes through PySide's hooks (measured:
    a write ~6x slower, ~12% of the GUI thread's instructions on a 4x4 wall)."""

    stream: CaptureStream | None = None
    camera: Camera | None = None
    selected: bool = False
    # Called with each frame when it is first painted (the benchmark reads the burned counter here).
    paint_probe: Callable[[Frame], None] | None = None
    painted_frames: int = 0  # distinct frames painted (a repaint of the same frame is not one)
    painted_seq: int = 0
    frame: Frame | None = None
    frame_taken_at: float = -1e9  # time.monotonic() of the last poll that took a new frame
    image: QImage | None = None  # the frame as a QImage (made when painting needs one)
    converted: np.ndarray | None = None  # an NV12 frame converted for ``image``
    placement_key: tuple[object, ...] = ()
    # where the picture goes: the rectangle shown, the black bars around it, whether it is scaled, and the
    # part of the picture shown (in its own pixels; all of it unless it is a little larger than the tile)
    placement: tuple[QRect, list[QRect], bool, QRect] = field(
        default_factory=lambda: (QRect(), [], False, QRect()))
    overlay_key: tuple[object, ...] = ()
    polled_key: tuple[object, ...] = ()  # the overlay's inputs as of the last poll
    state: StreamState = StreamState.CLOSED
    labels_key: tuple[object, ...] = ()
    labels: list[tuple[QPoint, QImage]] = field(default_factory=list)  # the overlay's text labels and where
    into_key: tuple[object, ...] = ()  # where NV12 frames are converted into the window, and the converter
    into: Nv12Into | None = None
    rect: QRect = field(default_factory=QRect)  # the tile's own rectangle, and its size: kept by resizeEvent
    size: tuple[int, int] = (0, 0)


class VideoTile(QWidget):
    sig_clicked = Signal(object)  # the tile
    sig_double_clicked = Signal(object)
    sig_camera_dropped = Signal(object, str)  # the tile, the dropped camera id
    sig_interaction = Signal()

    # -- public attributes, kept in the TileView
    @property
    def stream(self) -> CaptureStream | None:
        """The tile's stream (None: no camera, or not on screen)."""
        return self._v.stream

    @stream.setter
    def stream(self, stream: CaptureStream | None) -> None:
        self._v.stream = stream

    @property
    def camera(self) -> Camera | None:
        """The camera shown (None: an empty tile)."""
        return self._v.camera

    @camera.setter
    def camera(self, camera: Camera | None) -> None:
        self._v.camera = camera

    @property
    def selected(self) -> bool:
        """The wall's selected tile draws a yellow frame."""
        return self._v.selected

    @selected.setter
    def selected(self, selected: bool) -> None:
        self._v.selected = selected

    @property
    def paint_probe(self) -> Callable[[Frame], None] | None:
        """Called with each frame when it is first painted (the benchmark reads the burned counter there)."""
        return self._v.paint_probe

    @paint_probe.setter
    def paint_probe(self, probe: Callable[[Frame], None] | None) -> None:
        self._v.paint_probe = probe

    @property
    def painted_frames(self) -> int:
        """Distinct frames painted (a repaint of the same frame is not one)."""
        return self._v.painted_frames

    def __init__(self, index: int, parent: QWidget | None = None, *,
                 health_config: HealthConfig | None = None, town_names: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self._v = TileView()
        self.index = index
        self.url: str | None = None
        self.health_config = health_config
        self.town_names = town_names or {}
        self._tip = ""  # the tooltip as last set: why the camera is offline
        self._label_cache: dict[str, tuple[object, QImage]] = {}  # a label's place -> (its key, its image)
        self._drag_from: QPoint | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # every pixel is painted
        self.setAcceptDrops(True)
        self.setMinimumSize(QSize(64, 36))
        self._v.rect, self._v.size = self.rect(), (self.width(), self.height())
        self._font = QFont(self.font())
        self._font.setPixelSize(12)
        self._metrics = QFontMetrics(self._font)
        self._font_key = self._font.key()
        self._big_font = QFont(self.font())
        self._big_font.setPixelSize(16)

    # -- stream
    def set_source(self, camera: Camera | None, url: str | None) -> None:
        """Shows ``camera`` read from ``url``; None closes the stream (tile hidden or emptied)."""
        if camera is None:
            url = None
        if self.camera is camera and self.url == url:
            return
        self.camera = camera
        if url != self.url:
            self._close_stream()
            self.url = url
            if url is not None:
                name = camera.id if camera else url
                self.stream = CaptureStream(url, target_size=self._target_size(), config=self.health_config,
                                            name=name, for_tile=True).start()
        self._v.state = self.stream.state() if self.stream else StreamState.CLOSED
        self._v.overlay_key = ()
        self._v.polled_key = self._overlay_state(time.monotonic())
        self.update()

    def _close_stream(self) -> None:
        if self.stream is not None:
            self.stream.stop()
        self.stream = None
        self.url = None
        self._v.frame = None
        self._v.image = None

    def close_stream(self) -> CaptureStream | None:
        """Closes the stream (without waiting) and returns it so the caller may join it."""
        stream = self.stream
        self._close_stream()
        self.update()
        return stream

    def state(self, now: float | None = None) -> StreamState:
        return self.stream.state(now) if self.stream else StreamState.CLOSED

    def current_frame(self) -> Frame | None:
        return self._v.frame

    def _target_size(self) -> tuple[int, int]:
        ratio = self.devicePixelRatioF()
        return max(1, int(self.width() * ratio)), max(1, int(self.height() * ratio))

    # -- the GUI timer
    def poll(self, now: float, overlay: bool = True) -> bool:
        """Takes a newer frame if there is one; repaints when it or (if ``overlay``) the overlay's
        inputs changed. The overlay changes about once a second: the wall checks it a few times a second."""
        v = self._v
        stream = v.stream
        dirty = False
        picture_only = False  # only the picture needs painting (the tile around it is as it was)
        if stream is not None:
            last = v.frame
            seq = last.seq if last is not None else 0
            mailbox = stream.mailbox
            frame = mailbox.newer_than(seq) if mailbox.has_newer_than(seq) else None
            if frame is not None:
                img = frame.image
                picture_only = last is not None and last.image.shape == img.shape
                v.frame = frame
                v.frame_taken_at = now
                if is_nv12(img):
                    v.image = None  # converted while painting: see _paint
                else:
                    v.image = QImage(img.data, img.shape[1], img.shape[0], img.strides[0],
                                     RGB32 if img.shape[2] == 4 else BGR888)
                    v.image.setDevicePixelRatio(self.devicePixelRatioF())
                dirty = True
        if overlay:
            v.state = stream.state(now) if stream is not None else StreamState.CLOSED
            tip = self.failure_details()
            if tip != self._tip:
                self._tip = tip
                self.setToolTip(tip)
            key = self._overlay_state(now)
            if key != v.overlay_key:
                v.polled_key = key
                # While frames flow, the next one repaints the overlay within a frame's time: repainting
                # now would convert and paint the same picture again (once a second a tile, for the clock).
                if now - v.frame_taken_at > OVERLAY_WAITS_FOR_FRAME_S:
                    dirty, picture_only = True, False
        if picture_only and v.polled_key == v.overlay_key:
            # The same place as the last picture and the same overlay: its black bars (or line) and the
            # labels on them are as they were; labels over the picture are painted with it.
            self.update(v.placement[0])
        elif dirty:
            self.update()
        return dirty

    def _overlay_state(self, now: float) -> tuple[object, ...]:
        if self.stream is None:
            return (None, self.selected)
        return (self._v.state, round(self.stream.health.fps(now)), int(time.time()), self.selected)

    # -- painting
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            self._paint(p, event.region())
        finally:
            # An exception half-way must not leave the painter active (its traceback would hold it):
            # Qt warns at endPaint and the tile would be destroyed while "being painted".
            p.end()

    def _paint(self, p: QPainter, region: QRegion) -> None:
        v = self._v
        rect = v.rect
        frame = v.frame
        if frame is not None:
            key = (frame.image.shape, v.size, self.devicePixelRatioF())
            if key != v.placement_key:  # worked out once per picture and tile size: paint runs 25x a second
                v.placement_key, v.placement = key, self._place(frame, rect)
            picture, bars, scaled, shown = v.placement
            image = v.image
            bounds = region.boundingRect()
            if bars and not picture.contains(bounds):
                for bar in bars:
                    p.fillRect(bar, Qt.GlobalColor.black)
            if image is not None and not scaled:  # BGRX: a plain copy
                p.drawImage(picture.topLeft(), image, shown)
            elif scaled:
                p.drawImage(picture, self._qimage())
            elif not (region.rectCount() == 1 and bounds.contains(picture)
                      and self._convert_into_window(p, picture, shown)):
                p.drawImage(picture.topLeft(), self._qimage(), shown)
            if v.state is StreamState.OFFLINE or v.state is StreamState.STALLED:
                p.fillRect(picture, QColor(0, 0, 0, 150))  # the last picture, dimmed: it is not live
            if frame.seq != v.painted_seq:
                v.painted_seq = frame.seq
                v.painted_frames += 1
                if v.paint_probe is not None:
                    v.paint_probe(frame)
        else:
            p.fillRect(rect, QColor(24, 26, 30))
        self._paint_overlay(p, rect, frame is None)

    def _place(self, frame: Frame, rect: QRect) -> tuple[QRect, list[QRect], bool, QRect]:
        """Where ``frame`` goes in the tile: its rectangle, the black bars around it, whether it must be
        scaled to get there (only while the reader has not caught up with a resize), and the part of the
        picture shown there, in the picture's own pixels."""
        # Frames are scaled to physical pixels: on a high-DPI screen they paint 1:1 too.
        ratio = self.devicePixelRatioF()
        iw, ih = (round(n / ratio) for n in frame.size)
        tw, th = rect.width(), rect.height()
        if fits_cropped((iw, ih), (tw, th)):
            # The common case: unscaled and centred. A picture a little larger than the tile (the reader
            # scaled it by a cheap exact ratio, see media/capture/stream.scaled_size) shows its middle, cut
            # at even offsets to an even size: in 4:2:0 each 2x2 pixels share one colour sample.
            w, h = (n if n <= t else t & ~1 for n, t in ((iw, tw), (ih, th)))
            cut_x, cut_y = (iw - w) // 2 & ~1, (ih - h) // 2 & ~1
            shown = QRect(*(round(n * ratio) for n in (cut_x, cut_y, w, h)))
            scaled = False
        else:
            w, h = fit_size((iw, ih), (tw, th))
            shown = QRect(0, 0, *frame.size)
            scaled = (w, h) != (iw, ih)
        picture = QRect((tw - w) // 2, (th - h) // 2, w, h)
        # Black bars (or a line beside an even-sized 4:2:0 picture).
        bars = list(QRegion(rect).subtracted(QRegion(picture)))
        return picture, bars, scaled, shown

    def _convert_into_window(self, p: QPainter, picture: QRect, shown: QRect) -> bool:
        """Converts the ``shown`` part of the NV12 frame straight into the pixels the painter paints on, at
        ``picture`` (which the paint event repaints whole: a clipped repaint must not touch pixels outside
        its region). False (nothing done) unless those are a 32-bit image the painter reaches 1:1."""
        v = self._v
        assert v.frame is not None
        device = p.paintEngine().paintDevice()
        if not isinstance(device, QImage):
            return self._cannot_convert()
        transform = p.deviceTransform()
        # The window's pixels (a new image when the window is resized: its serial number is the cache key's
        # high half), the tile's place in them and the picture: the same from one frame to the next.
        key = (device.cacheKey() >> 32, transform.dx(), transform.dy(), v.placement_key)
        if key != v.into_key:
            v.into_key, v.into = key, self._window_place(device, transform, picture, shown)
        if v.into is None:
            return False
        v.into(v.frame.image)
        return True

    def _window_place(self, device: QImage, transform: QTransform, picture: QRect, shown: QRect) -> Nv12Into | None:
        """A converter of the picture's ``shown`` part into the window's pixels at ``picture``; None when the
        painter does not reach them 1:1."""
        kind = transform.type()
        if device.format() not in DIRECT_FORMATS or (kind is not TX_NONE and kind is not TX_TRANSLATE):
            self._cannot_convert()
            return None
        dx, dy = transform.dx(), transform.dy()
        if dx % 1 or dy % 1:
            return None
        left, top = picture.x() + int(dx), picture.y() + int(dy)
        w, h = picture.width(), picture.height()
        frame = self._v.frame
        assert frame is not None
        if (shown.size() != picture.size() or left < 0 or top < 0 or left + w > device.width()
                or top + h > device.height()):
            return None
        line = device.bytesPerLine()
        # A view of the image's memory: used only while the window's image has the serial number it was made for.
        pixels = np.ndarray((h, w, 4), np.uint8, buffer=device.bits(), offset=top * line + left * 4,
                            strides=(line, 4, 1))
        try:
            return Nv12Into(pixels, frame.size, (shown.x(), shown.y()))
        except ValueError:  # an odd size or cut (a picture that is not 4:2:0's even size)
            return None

    def _cannot_convert(self) -> bool:
        # A scaled (high-DPI) or not 32-bit screen: converting here and drawing costs the GUI thread more
        # than the reader's converting, so the reader sends BGRX from now on.
        if self._v.stream is not None:
            self._v.stream.tile_converts = False
        return False

    def _qimage(self) -> QImage:
        """The current frame as a QImage; an NV12 frame is converted into a buffer the tile keeps."""
        if self._v.image is None:
            assert self._v.frame is not None
            w, h = self._v.frame.size
            if self._v.converted is None or self._v.converted.shape[:2] != (h, w):
                self._v.converted = np.empty((h, w, 4), np.uint8)
            self._v.image = QImage(nv12_to_bgrx(self._v.frame.image, self._v.converted).data, w, h, w * 4,
                                 QImage.Format.Format_RGB32)
            self._v.image.setDevicePixelRatio(self.devicePixelRatioF())
        return self._v.image

    def _paint_overlay(self, p: QPainter, rect: QRect, no_picture: bool) -> None:
        v = self._v
        v.overlay_key = v.polled_key
        # The labels' text changes about once a second: render them to images then, blit them per frame.
        # A label is only as wide as its text where the tile has room: blending full-width bands over the
        # video cost a 2x2 wall of 720p 13% of its painting's instructions (no conversion counted).
        cache_key = (v.overlay_key, v.size, v.camera.id if v.camera else None)
        if cache_key != v.labels_key:
            v.labels_key = cache_key
            v.labels = [(QPoint(x, y), label)
                        for x, y, label in self._render_labels(rect.width(), rect.height(), time.monotonic())]
        for at, label in v.labels:
            p.drawImage(at, label)
        if v.stream is not None:
            if v.state is not StreamState.LIVE or no_picture:
                self._paint_banner(p, rect, v.state)
        elif v.camera is None:
            p.setPen(QColor(110, 110, 120))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("Drop a camera here"))
        if v.selected:
            p.setPen(QColor(255, 200, 0))
            p.drawRect(rect.adjusted(0, 0, -1, -1))
            p.drawRect(rect.adjusted(1, 1, -2, -2))

    def _label(self, width: int, texts: list[tuple[str, QColor, Qt.AlignmentFlag]]) -> QImage:
        """A translucent dark box ``width`` wide with ``texts`` in it (each aligned left or right)."""
        key = (self._font_key, width, tuple((text, color.rgba(), align) for text, color, align in texts))
        img = SHARED_LABELS.image(key)
        if img is None:
            img = self._draw_label(width, texts)
            SHARED_LABELS.keep(key, img)
        return img

    def _draw_label(self, width: int, texts: list[tuple[str, QColor, Qt.AlignmentFlag]]) -> QImage:
        img = QImage(max(1, width), BAND, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QColor(0, 0, 0, 150))
        painter = QPainter(img)
        painter.setFont(self._font)
        box = QRect(LABEL_PAD, 0, width - 2 * LABEL_PAD, BAND)
        for text, color, align in texts:
            painter.setPen(color)
            painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
        return img

    def _render_labels(self, width: int, height: int, now: float) -> list[tuple[int, int, QImage]]:
        """The overlay's labels and where they go: the camera and its town top left; the clock bottom left
        and the stream's state bottom right. Each label is as wide as its text, except that the clock
        and the state share one band across a tile too narrow for them to stand apart. A label is laid
        out and drawn again only when its own text changed (the clock: once a second): Chinese text costs
        tens of microseconds."""
        white, left, right = QColor(Qt.GlobalColor.white), Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        labels: list[tuple[int, int, QImage]] = []
        if self.camera is not None:
            town = self.town_names.get(self.camera.town or "", self.camera.town or "")
            title = f"{self.camera.name}  ·  {town}" if town else self.camera.name
            labels.append((0, 0, self._cached_label("title", width, [(title, white, left)], fit=True)))
        if self.stream is not None:
            clock = (time.strftime("%H:%M:%S"), white, left)
            status = (self.status_text(now, width > 260), STATE_COLORS[self.stream.state(now)], right)
            clock_w, status_w = (SHARED_LABELS.width(self._font_key, self._metrics, t[0]) + 2 * LABEL_PAD
                                 for t in (clock, status))
            if clock_w + status_w > width // 2:
                labels.append((0, height - BAND, self._cached_label("band", width, [clock, status])))
            else:
                labels.append((0, height - BAND, self._cached_label("clock", clock_w, [clock])))
                labels.append((width - status_w, height - BAND, self._cached_label("status", status_w, [status])))
        return labels

    def _cached_label(self, slot: str, width: int, texts: list[tuple[str, QColor, Qt.AlignmentFlag]],
                      fit: bool = False) -> QImage:
        """The label in ``slot``, drawn again only when its width or texts changed. ``fit``: one text, its
        box as wide as the text (elided to ``width``)."""
        key = (width, [(text, color.rgba(), align) for text, color, align in texts])
        cached = self._label_cache.get(slot)
        if cached is None or cached[0] != key:
            if fit:
                text, color, align = texts[0]
                text = self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(1, width - 2 * LABEL_PAD))
                texts = [(text, color, align)]
                width = min(width, self._metrics.horizontalAdvance(text) + 2 * LABEL_PAD)
            cached = (key, self._label(width, texts))
            self._label_cache[slot] = cached
        return cached[1]

    def status_text(self, now: float | None = None, with_size: bool = True) -> str:
        """What the tile's status label says: state, and resolution and frame rate when live."""
        if self.stream is None:
            return ""
        now = time.monotonic() if now is None else now
        state = self.stream.state(now)
        text = state_text(state)
        if state is StreamState.LIVE:
            fps = self.stream.health.fps(now)
            size = self.stream.health.source_size
            if fps > 0:
                text = f"{text}  {fps:.0f} fps"
            if size and with_size:
                text = f"{size[0]}x{size[1]}  {text}"
        return text

    def banner_text(self, now: float | None = None) -> str:
        """The big centred message on a tile without a live picture ("" when live)."""
        if self.stream is None:
            return "" if self.camera is not None else self.tr("Drop a camera here")
        now = time.monotonic() if now is None else now
        state = self.stream.state(now)
        if state is StreamState.LIVE and self._v.frame is not None:
            return ""
        if state is StreamState.OFFLINE:
            retry = self.stream.health.retry_in(now)
            if retry is not None:
                return self.tr("Offline, retrying in %n s", "", max(1, round(retry)))
        return state_text(state)

    def _offline_error(self) -> str:
        """The stream's error while the tile shows it offline ("" otherwise); passwords hidden."""
        if self.stream is None or self._v.state is not StreamState.OFFLINE:
            return ""
        return self.stream.health.error

    def failure_reason(self) -> str:
        """Why the camera is offline, as the tile says it under its banner ("" unless it is offline)."""
        error = self._offline_error()
        return failure_text(classify(error)) if error else ""

    def failure_details(self) -> str:
        """The reason and the error it was read from: the tooltip of an offline tile."""
        error = self._offline_error()
        return f"{failure_text(classify(error))}\n{error}" if error else ""

    def _paint_banner(self, p: QPainter, rect: QRect, state: StreamState) -> None:
        text = self.banner_text()
        if not text:
            return
        p.setFont(self._big_font)
        box = QRect(0, rect.height() // 2 - 16, rect.width(), 32)
        p.fillRect(box, QColor(0, 0, 0, 150))
        p.setPen(STATE_COLORS[state])
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        p.setFont(self._font)
        reason = self.failure_reason()
        if reason:  # under the banner: what to do about it differs (a password, a cable, the camera)
            line = QRect(0, box.bottom() + 1, rect.width(), BAND + 2)
            p.fillRect(line, QColor(0, 0, 0, 150))
            p.setPen(QColor(235, 235, 235))
            elided = self._metrics.elidedText(reason, Qt.TextElideMode.ElideRight, max(1, rect.width() - 2 * LABEL_PAD))
            p.drawText(line, Qt.AlignmentFlag.AlignCenter, elided)

    # -- input
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._v.rect = self.rect()
        self._v.size = (self.width(), self.height())
        if self.stream is not None:
            self.stream.set_target_size(self._target_size())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._drag_from = event.position().toPoint()
        self.sig_interaction.emit()
        self.sig_clicked.emit(self)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if (self._drag_from is not None and self.camera is not None
                and (pos - self._drag_from).manhattanLength() > 12):
            self._drag_from = None
            drag = QDrag(self)
            drag.setMimeData(camera_mime(self.camera.id))
            drag.exec(Qt.DropAction.CopyAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.sig_interaction.emit()
        self.sig_double_clicked.emit(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if camera_from_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        camera_id = camera_from_mime(event.mimeData())
        if camera_id:
            event.acceptProposedAction()
            self.sig_interaction.emit()
            self.sig_camera_dropped.emit(self, camera_id)
