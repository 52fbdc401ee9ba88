"""The pixel layouts frames travel in (media/picture.py): what a consumer of any layout gets."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from media.capture.frame_code import burn_code, read_code
from media.frame_mailbox import FrameMailbox
from media.picture import i420_to_bgrx, is_i420, luma, picture_size, to_bgr
from media.webrtc.sources import fit


def test_an_i420_picture_reads_back_as_the_same_picture_in_every_layout() -> None:
    bgr = np.zeros((180, 320, 3), np.uint8)
    bgr[:, :160] = (30, 160, 220)
    bgr[90:, 160:] = (200, 40, 40)
    burn_code(bgr, 4321)
    i420 = cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV_I420)
    assert is_i420(i420) and picture_size(i420) == (320, 180) and not is_i420(bgr)
    # 4:2:0 round trips are close, not exact (colour is shared by 2x2 pixels); away from the edges:
    assert np.abs(to_bgr(i420)[4:86, 4:156].astype(int) - bgr[4:86, 4:156]).max() <= 3
    assert np.array_equal(i420_to_bgrx(i420)[..., :3], to_bgr(i420))
    assert (i420_to_bgrx(i420)[..., 3] == 255).all()  # opaque, as Qt's RGB32 expects
    # Into lines of a larger picture (a window), and never silently elsewhere when the size is wrong.
    window = np.zeros((200, 400, 4), np.uint8)
    i420_to_bgrx(i420, window[10:190, 40:360])
    assert np.array_equal(window[10:190, 40:360], i420_to_bgrx(i420)) and not window[:10].any()
    with pytest.raises(ValueError):
        i420_to_bgrx(i420, window[10:190, 40:359])
    # The frame counter and the freeze detector read the luma of any layout.
    assert read_code(i420) == read_code(bgr) == read_code(i420_to_bgrx(i420)) == 4321
    assert luma(i420).shape == (180, 320) and luma(bgr).shape == (180, 320)
    box = FrameMailbox()
    box.put(i420)
    frame = box.peek()
    assert frame is not None and frame.size == frame.source_size == (320, 180)


def test_a_call_sharing_the_scene_sends_bgr_whatever_the_wall_reads() -> None:
    bgr = np.full((180, 320, 3), (30, 160, 220), np.uint8)
    for picture in (bgr, cv2.cvtColor(bgr, cv2.COLOR_BGR2BGRA), cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV_I420)):
        sent = fit(picture, 640, 360)
        assert sent.shape == (360, 640, 3)
        assert np.abs(sent[100:260, 200:440].astype(int) - (30, 160, 220)).max() <= 3
