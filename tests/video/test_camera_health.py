"""Debounced camera faults: one fault per bad spell, recovery on the same fault, no flood when flapping."""

from media.camera_health import CameraFaultMonitor, FaultPolicy
from media.capture import StreamState
from tests.video.conftest import RecordingSink

POLICY = FaultPolicy(raise_after_s=10, recover_after_s=5)


def feed(monitor: CameraFaultMonitor, timeline: list[tuple[float, StreamState]], step: float = 1.0) -> None:
    """Observes each state from its start time until the next entry, once per ``step``."""
    for (start, state), (end, _) in zip(timeline, timeline[1:] + [(timeline[-1][0] + step, None)], strict=True):
        t = start
        while t < end:
            monitor.observe("cam01", state, t)
            t += step


def test_offline_longer_than_the_threshold_raises_once_then_recovers() -> None:
    sink = RecordingSink()
    monitor = CameraFaultMonitor(sink, POLICY)
    feed(monitor, [(0, StreamState.LIVE), (100, StreamState.OFFLINE), (160, StreamState.LIVE), (200, StreamState.LIVE)])
    assert [(c, k, s.timestamp()) for c, k, s in sink.raised] == [("cam01", "offline", 100)]
    assert [(c, a.timestamp()) for c, a in sink.recovered] == [("cam01", 160)]
    assert monitor.faulted() == {}


def test_short_outage_raises_nothing() -> None:
    sink = RecordingSink()
    monitor = CameraFaultMonitor(sink, POLICY)
    feed(monitor, [(0, StreamState.LIVE), (50, StreamState.OFFLINE), (58, StreamState.LIVE), (100, StreamState.LIVE)])
    assert sink.raised == [] and sink.recovered == []


def test_frozen_picture_is_its_own_fault_kind() -> None:
    sink = RecordingSink()
    monitor = CameraFaultMonitor(sink, POLICY)
    feed(monitor, [(0, StreamState.FROZEN), (30, StreamState.FROZEN)])
    assert [(k, s.timestamp()) for _, k, s in sink.raised] == [("frozen", 0)]
    assert monitor.faulted() == {"cam01": "frozen"}


def test_flapping_camera_raises_one_fault_and_recovers_once_when_stable() -> None:
    sink = RecordingSink()
    monitor = CameraFaultMonitor(sink, POLICY)
    timeline: list[tuple[float, StreamState]] = []
    for cycle in range(60):  # 3 s offline, 2 s live, for five minutes
        timeline += [(cycle * 5.0, StreamState.OFFLINE), (cycle * 5.0 + 3, StreamState.LIVE)]
    timeline += [(300, StreamState.LIVE), (400, StreamState.LIVE)]
    feed(monitor, timeline)
    assert len(sink.raised) == 1 and sink.raised[0][2].timestamp() == 0
    assert [a.timestamp() for _, a in sink.recovered] == [298]  # live since the last outage ended


def test_a_failing_sink_is_retried_on_the_next_observation() -> None:
    class Flaky(RecordingSink):
        fail = True

        def raise_fault(self, camera_id, kind, since, reason="", cause=""):  # type: ignore[no-untyped-def]
            if self.fail:
                self.fail = False
                raise ConnectionError("hub down")
            super().raise_fault(camera_id, kind, since, reason, cause)

    sink = Flaky()
    monitor = CameraFaultMonitor(sink, POLICY)
    feed(monitor, [(0, StreamState.OFFLINE), (13, StreamState.OFFLINE)])
    assert len(sink.raised) == 1 and sink.raised[0][2].timestamp() == 0


def test_the_fault_carries_the_last_error_of_its_bad_spell() -> None:
    sink = RecordingSink()
    monitor = CameraFaultMonitor(sink, POLICY)
    monitor.observe("cam01", StreamState.OFFLINE, 0, "stream ended")
    monitor.observe("cam01", StreamState.OFFLINE, 5, "camera unreachable at 10.0.0.1:554: Connection refused")
    monitor.observe("cam01", StreamState.OFFLINE, 11)  # no error told this time: the last one stands
    assert sink.raised[0][:2] == ("cam01", "offline")
    assert sink.reasons["cam01"] == "camera unreachable at 10.0.0.1:554: Connection refused"
    assert sink.causes["cam01"] == "refused"  # a key a dashboard can group faults by
    # A new bad spell starts without the old reason; a frozen picture has no error to tell.
    feed(monitor, [(12, StreamState.LIVE), (30, StreamState.FROZEN), (45, StreamState.FROZEN)])
    assert [kind for _, kind, _ in sink.raised] == ["offline", "frozen"]
    assert sink.reasons["cam01"] == "" and sink.causes["cam01"] == ""


def test_connecting_is_no_evidence_and_forget_stops_watching() -> None:
    sink = RecordingSink()
    monitor = CameraFaultMonitor(sink, POLICY)
    feed(monitor, [(0, StreamState.CONNECTING), (60, StreamState.CONNECTING)])
    assert sink.raised == []
    monitor.observe("cam01", StreamState.OFFLINE, 100)
    monitor.forget("cam01")
    monitor.observe("cam01", StreamState.OFFLINE, 105)
    monitor.observe("cam01", StreamState.OFFLINE, 114)
    assert sink.raised == []


def test_pause_keeps_a_raised_fault_and_drops_a_pending_spell() -> None:
    sink = RecordingSink()
    monitor = CameraFaultMonitor(sink, POLICY)
    feed(monitor, [(0, StreamState.OFFLINE), (12, StreamState.OFFLINE)])
    assert len(sink.raised) == 1
    monitor.pause("cam01")  # e.g. it left the wall and the off-screen watch has not answered yet
    assert monitor.faulted() == {"cam01": "offline"}
    feed(monitor, [(20, StreamState.OFFLINE), (40, StreamState.OFFLINE)])
    assert len(sink.raised) == 1  # the same fault, not a second one
    feed(monitor, [(40, StreamState.LIVE), (44, StreamState.LIVE)])
    monitor.pause("cam01")  # a live spell cut by a gap in watching does not count
    feed(monitor, [(50, StreamState.LIVE), (60, StreamState.LIVE)])
    assert [(c, a.timestamp()) for c, a in sink.recovered] == [("cam01", 50)]
    # Not raised yet: a pause drops the bad spell, its debounce starts over.
    feed(monitor, [(100, StreamState.OFFLINE), (108, StreamState.OFFLINE)])
    monitor.pause("cam01")
    feed(monitor, [(200, StreamState.OFFLINE), (209, StreamState.OFFLINE)])
    assert len(sink.raised) == 1
    monitor.observe("cam01", StreamState.OFFLINE, 210)
    assert [s.timestamp() for _, _, s in sink.raised] == [0, 200]
