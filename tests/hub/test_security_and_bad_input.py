"""Authentication, roles, and bad input: a clear 4xx, nothing written, the hub keeps serving."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import websockets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from console.client.hub_client import HubRefused
from console.store.schema import AlertRow, AuditRow
from tests.hub.hub_kit import SOURCE_KEY, TOWN_TOKEN, LiveHub, connected, until

GOOD = {"category": "other", "severity": "minor", "title": "ok"}


def rows(live: LiveHub) -> tuple[int, int]:
    with live.hub.engine.connect() as conn:
        return (int(conn.execute(select(func.count()).select_from(AlertRow)).scalar() or 0),
                int(conn.execute(select(func.count()).select_from(AuditRow)).scalar() or 0))


def post(live: LiveHub, content: bytes, key: str | None = SOURCE_KEY, ctype: str = "application/json",
         path: str = "/api/alerts") -> httpx.Response:
    headers = {"content-type": ctype}
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    return httpx.post(f"{live.http}{path}", content=content, headers=headers, timeout=10)


def test_credentials_and_roles(live_hub: LiveHub) -> None:
    body = json.dumps(GOOD).encode()
    assert post(live_hub, body, key=None).status_code == 401
    wrong = post(live_hub, body, key="not-a-key")
    assert wrong.status_code == 401 and "API key" in wrong.json()["error"] or "token" in wrong.json()["error"]
    assert post(live_hub, body, key=TOWN_TOKEN).status_code == 403
    assert rows(live_hub) == (0, 0)
    assert httpx.get(f"{live_hub.http}/api/attachments/1", timeout=5).status_code == 401

    async def sockets() -> None:
        async with websockets.connect(f"{live_hub.ws}/ws/console") as ws:
            await ws.send(json.dumps({"type": "auth", "user": "duty1", "password": "wrong"}))
            reply = json.loads(await ws.recv())
            assert reply["code"] == "auth" and "password" in reply["message"]
        async with websockets.connect(f"{live_hub.ws}/ws/intake") as ws:
            await ws.send(json.dumps({"type": "alert", "alert": GOOD}))  # no auth first
            assert json.loads(await ws.recv())["code"] == "auth"
        alert_id = json.loads(post(live_hub, body).text)["accepted"][0]["id"]
        async with connected(live_hub, "duty1") as operator, connected(live_hub, "lead") as lead:
            await until(lambda: alert_id in operator.book.alerts)
            closed = await operator.command("false_alarm", alert_id, reason="test")
            with pytest.raises(HubRefused) as refused:
                await operator.command("reopen", closed, reason="again")
            assert refused.value.code == "forbidden" and "supervisor" in refused.value.message
            reopened = await lead.command("reopen", closed, reason="again")
            assert reopened.state == "acknowledged"

    asyncio.run(sockets())


@pytest.mark.parametrize(("content", "status", "says"), [
    (b"{not json", 400, "malformed JSON"),
    (json.dumps({**GOOD, "colour": "red"}).encode(), 422, "colour: unknown field"),
    (json.dumps({"category": "other", "severity": "minor"}).encode(), 422, "title: missing"),
    (json.dumps({**GOOD, "lat": "north"}).encode(), 422, "lat"),
    (json.dumps({**GOOD, "lat": 91, "lon": 0}).encode(), 422, "lat"),
    (json.dumps({**GOOD, "occurred_at": "1970-01-02T00:00:00Z"}).encode(), 422, "plausible"),
    (json.dumps({**GOOD, "occurred_at": "2099-01-01T00:00:00+08:00"}).encode(), 422, "plausible"),
    (json.dumps({**GOOD, "occurred_at": "2026-11-29T08:00:00"}).encode(), 422, "time zone"),
    (json.dumps({**GOOD, "town": "atlantis"}).encode(), 422, "unknown town"),
    (json.dumps([GOOD, GOOD, {**GOOD, "severity": "apocalyptic"}]).encode(), 422, "alert 2"),
    (json.dumps([]).encode(), 422, "empty"),
    (b"x" * (9 * 1024 * 1024), 413, "larger than"),
])
def test_bad_input_refused_with_reason_and_nothing_written(live_hub: LiveHub, content: bytes, status: int,
                                                          says: str) -> None:
    reply = post(live_hub, content)
    assert reply.status_code == status, reply.text
    assert says in reply.json()["error"]
    assert rows(live_hub) == (0, 0)
    assert post(live_hub, json.dumps(GOOD).encode()).status_code == 201  # still serving


def test_wrong_content_type(live_hub: LiveHub) -> None:
    assert post(live_hub, b"category=other", ctype="application/x-www-form-urlencoded").status_code == 415


CAP = """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>EM-2026-0042</identifier><sender>emergency@district</sender>
  <sent>2026-11-29T08:30:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
  <info><category>CBRNE</category><event>危化品泄漏</event><urgency>Immediate</urgency>
    <severity>Extreme</severity><certainty>Observed</certainty>
    <headline>东桥路危化品槽罐车泄漏</headline><description>液氨泄漏，请立即疏散。</description>
    <area><areaDesc>东桥路与金陵路交叉口</areaDesc><circle>31.93,118.83 0.5</circle></area>
  </info>
</alert>"""


def test_cap_alert_accepted_and_mapped(live_hub: LiveHub) -> None:
    reply = post(live_hub, CAP.encode(), ctype="application/xml", path="/api/alerts/cap")
    assert reply.status_code == 201, reply.text
    alert = live_hub.hub.alerts.alerts[reply.json()["accepted"][0]["id"]]
    assert alert.severity == "critical" and alert.category == "hazmat_vehicle"
    assert alert.title == "东桥路危化品槽罐车泄漏" and alert.source_ref == "EM-2026-0042"
    assert alert.lat == 31.93 and alert.town is not None
    again = post(live_hub, CAP.encode(), ctype="application/xml", path="/api/alerts/cap")
    assert again.json()["accepted"][0]["duplicate"] is True


@pytest.mark.parametrize("xml", [
    b"<alert><unclosed>",
    b"<alert xmlns='urn:other'><identifier>x</identifier></alert>",
    b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bbbbbbbbbb"><!ENTITY c "&b;&b;&b;&b;&b;">]>'
    b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">&c;</alert>',
])
def test_bad_cap_refused(live_hub: LiveHub, xml: bytes) -> None:
    reply = post(live_hub, xml, ctype="application/xml", path="/api/alerts/cap")
    assert reply.status_code in (400, 422) and reply.json()["error"]
    assert rows(live_hub) == (0, 0)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=20)
junk_alerts = st.fixed_dictionaries({}, optional={
    "category": st.sampled_from(["other", "hazmat_vehicle", "nope", 3]),
    "severity": st.sampled_from(["minor", "critical", "", None]),
    "title": st.text(max_size=250) | st.integers(),
    "lat": st.floats(allow_nan=False) | st.text(max_size=5), "lon": st.floats(allow_nan=False),
    "occurred_at": st.floats(allow_nan=False) | st.text(max_size=25),
    "town": st.text(max_size=5), "extra": json_values, "attachments": json_values,
}) | json_values


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_generated_junk_never_breaks_the_hub(live_hub: LiveHub) -> None:
    client = httpx.Client(timeout=10, headers={"Authorization": f"Bearer {SOURCE_KEY}"})

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(junk_alerts)
    def throw(body: object) -> None:
        before = rows(live_hub)
        reply = client.post(f"{live_hub.http}/api/alerts", content=json.dumps(body))
        assert reply.status_code in (200, 201, 400, 413, 415, 422), reply.text
        if reply.status_code >= 400:
            assert reply.json()["error"]
            assert rows(live_hub) == before

    throw()

    async def socket_junk() -> None:
        async with websockets.connect(f"{live_hub.ws}/ws/intake") as ws:
            await ws.send(json.dumps({"type": "auth", "key": SOURCE_KEY}))
            await ws.recv()

            @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
            @given(junk_alerts)
            def frames(body: object) -> None:
                sent.append(json.dumps({"type": "alert", "seq": len(sent), "alert": body}))

            sent: list[str] = []
            frames()
            sent.append("{{{ not json")
            for frame in sent:
                await ws.send(frame)
            answered = 0
            while answered < len(sent):
                answered += len(json.loads(await ws.recv())["items"])
        assert httpx.get(f"{live_hub.http}/health", timeout=5).json()["status"] == "ok"

    asyncio.run(socket_junk())
    client.close()
