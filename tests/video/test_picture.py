"""The pixel layouts frames travel in (media/picture.py): what a consumer of any layout gets."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from media import picture
from media.capture.frame_code import burn_code, read_code
from media.frame_mailbox import FrameMailbox
from media.picture import (
    Nv12Into,
    is_nv12,
    luma,
    nv12_from_planes,
    nv12_planes,
    nv12_to_bgrx,
    picture_size,
    to_bgr,
)
from media.webrtc.sources import fit


def nv12_of(bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``bgr`` as an NV12 block, and as the I420 block OpenCV makes of it (the same samples)."""
    h, w = bgr.shape[:2]
    i420 = cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV_I420)
    flat, area = i420.ravel(), h * w  # the chroma planes are not always whole lines of the block
    u = flat[area:area + area // 4].reshape(h // 2, w // 2)
    v = flat[area + area // 4:].reshape(h // 2, w // 2)
    return nv12_from_planes(i420[:h], u, v), i420


def test_an_nv12_picture_reads_back_as_the_same_picture_in_every_layout() -> None:
    bgr = np.zeros((180, 320, 3), np.uint8)
    bgr[:, :160] = (30, 160, 220)
    bgr[90:, 160:] = (200, 40, 40)
    burn_code(bgr, 4321)
    nv12, i420 = nv12_of(bgr)
    assert is_nv12(nv12) and picture_size(nv12) == (320, 180) and not is_nv12(bgr)
    y, uv = nv12_planes(nv12)
    assert np.array_equal(y, i420[:180]) and np.array_equal(uv[..., 1].ravel(), i420.ravel()[320 * 180 * 5 // 4:])
    # 4:2:0 round trips are close, not exact (colour is shared by 2x2 pixels); away from the edges:
    assert np.abs(to_bgr(nv12)[4:86, 4:156].astype(int) - bgr[4:86, 4:156]).max() <= 3
    assert np.array_equal(to_bgr(nv12), cv2.cvtColor(i420, cv2.COLOR_YUV2BGR_I420))
    # libyuv's conversion (the wall's) and OpenCV's share the BT.601 matrix; they round differently.
    assert np.abs(nv12_to_bgrx(nv12)[..., :3].astype(int) - to_bgr(nv12)).max() <= 2
    assert (nv12_to_bgrx(nv12)[..., 3] == 255).all()  # opaque, as Qt's RGB32 expects
    # Into lines of a larger picture (a window), and never silently elsewhere when the size is wrong.
    window = np.zeros((200, 400, 4), np.uint8)
    nv12_to_bgrx(nv12, window[10:190, 40:360])
    assert np.array_equal(window[10:190, 40:360], nv12_to_bgrx(nv12)) and not window[:10].any()
    with pytest.raises(ValueError):
        nv12_to_bgrx(nv12, window[10:190, 40:359])
    # The frame counter and the freeze detector read the luma of any layout.
    assert read_code(nv12) == read_code(bgr) == read_code(nv12_to_bgrx(nv12)) == 4321
    assert luma(nv12).shape == (180, 320) and luma(bgr).shape == (180, 320)
    box = FrameMailbox()
    box.put(nv12)
    frame = box.peek()
    assert frame is not None and frame.size == frame.source_size == (320, 180)


@pytest.fixture(params=["libyuv", "opencv"])
def converter(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a picture is converted: libyuv (make test installs it) and OpenCV (machines without it)."""
    if request.param == "libyuv":
        assert picture.LIBYUV is not None, "libyuv0 is missing: run scripts/system-deps.sh"
    else:
        monkeypatch.setattr(picture, "LIBYUV", None)
    return str(request.param)


@pytest.mark.parametrize("width", [958, 960, 638, 66, 62, 2])
def test_any_width_converts_to_the_pixels_opencv_gives_in_one_piece(width: int, converter: str) -> None:
    # OpenCV converts wide pictures in runs of 64 columns plus an overlapping last run (picture.SIMD_RUN);
    # libyuv in one call. Every pixel must come out as OpenCV's own conversion of the whole picture (libyuv:
    # within its rounding), and nothing beside it may be touched.
    rng = np.random.default_rng(width)
    bgr = rng.integers(0, 256, (38, width, 3), np.uint8)
    nv12, i420 = nv12_of(bgr)
    window = np.full((40, width + 4, 4), 7, np.uint8)
    nv12_to_bgrx(nv12, window[1:39, 2:width + 2])
    difference = np.abs(window[1:39, 2:width + 2].astype(int) - cv2.cvtColor(i420, cv2.COLOR_YUV2BGRA_I420))
    assert difference.max() <= (2 if converter == "libyuv" else 0)
    window[1:39, 2:width + 2] = 7
    assert (window == 7).all()


def test_a_place_smaller_than_the_picture_gets_its_part_and_bad_places_are_refused(converter: str) -> None:
    # A 960x540 picture in a 958x538 tile: the tile converts the part it shows, cut at even offsets.
    rng = np.random.default_rng(5)
    bgr = cv2.resize(rng.integers(0, 256, (54, 96, 3), np.uint8), (960, 540), interpolation=cv2.INTER_NEAREST)
    nv12, _ = nv12_of(bgr)
    whole = nv12_to_bgrx(nv12)
    window = np.zeros((600, 1000, 4), np.uint8)
    place = window[30:568, 20:978]
    Nv12Into(place, (960, 540), (2, 0))(nv12)
    assert np.array_equal(place, whole[0:538, 2:960])
    assert not window[:30].any() and not window[568:].any() and not window[:, :20].any() and not window[:, 978:].any()
    # Odd cuts would pair each pixel with its neighbour's colour; places beyond the picture read past it.
    for size, crop in (((960, 540), (1, 0)), ((960, 540), (0, 3)), ((960, 540), (4, 0)), ((956, 538), (0, 0))):
        with pytest.raises(ValueError):
            Nv12Into(place, size, crop)
    # A block of another size than the one the place was made for is refused, not read out of bounds.
    into = Nv12Into(place, (960, 540), (2, 2))
    with pytest.raises(ValueError):
        into(nv12[:-2])


def test_a_call_sharing_the_scene_sends_bgr_whatever_the_wall_reads() -> None:
    bgr = np.full((180, 320, 3), (30, 160, 220), np.uint8)
    for image in (bgr, cv2.cvtColor(bgr, cv2.COLOR_BGR2BGRA), nv12_of(bgr)[0]):
        sent = fit(image, 640, 360)
        assert sent.shape == (360, 640, 3)
        assert np.abs(sent[100:260, 200:440].astype(int) - (30, 160, 220)).max() <= 3
