"""HTTP side of the hub: alert intake (JSON and CAP 1.2), attachments, health, OpenAPI schema."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from console.domain.enums import Role
from console.hub.alert_service import HubBusy, StoreFailure
from console.hub.auth import AuthFailed
from console.hub.hub import Hub
from console.hub.identity import Identity
from console.protocol.cap import parse_cap
from console.protocol.intake import AlertIn, IntakeError, parse_alert
from console.store import alert_repository as repo

MAX_BATCH = 1_000


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _identity(request: Request, hub: Hub) -> Identity:
    header = request.headers.get("authorization", "")
    key = request.headers.get("x-api-key") or (header[7:] if header.lower().startswith("bearer ") else "")
    if not key:
        raise HttpError(401, "missing credentials: send 'Authorization: Bearer <key>' or 'X-API-Key'")
    if (identity := hub.auth.cached(key)) is not None:
        return identity
    try:
        return await hub.run_blocking(hub.auth.bearer, key)
    except AuthFailed as exc:
        raise HttpError(401, str(exc)) from None


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HttpError(413, f"body larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HttpError(413, f"body larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _submit(hub: Hub, items: list[AlertIn], identity: Identity) -> JSONResponse:
    for index, item in enumerate(items):  # all or nothing: check everything before writing anything
        problem = hub.alerts.check(item)
        if problem:
            raise HttpError(422, f"alert {index}: {problem}" if len(items) > 1 else problem)
    try:
        results = await hub.alerts.intake(items, identity)
    except HubBusy as exc:
        raise HttpError(429, str(exc)) from None
    failures = [r for r in results if isinstance(r, Exception)]
    if failures:
        status = 503 if any(isinstance(f, StoreFailure) for f in failures) else 422
        raise HttpError(status, str(failures[0]))
    body = [{"id": r.id, "duplicate": r.duplicate} for r in results]  # type: ignore[union-attr]
    return JSONResponse({"accepted": body}, status_code=201 if any(not b["duplicate"] for b in body) else 200)


def _guard(handler: Any) -> Any:
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except HttpError as exc:
            return _error(exc.status, exc.message)
    return wrapped


def _source_only(identity: Identity) -> None:
    if identity.role is Role.TOWN:
        raise HttpError(403, "town tokens may not create alerts")


@_guard
async def post_alerts(request: Request) -> Response:
    hub: Hub = request.app.state.hub
    identity = await _identity(request, hub)
    _source_only(identity)
    if "json" not in request.headers.get("content-type", ""):
        raise HttpError(415, "send alerts as application/json (CAP XML goes to /api/alerts/cap)")
    raw = await _body(request, hub.config.max_body_bytes)
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HttpError(400, f"malformed JSON: {exc}") from None
    batch = data if isinstance(data, list) else [data]
    if not batch:
        raise HttpError(422, "empty batch")
    if len(batch) > MAX_BATCH:
        raise HttpError(413, f"at most {MAX_BATCH} alerts per request")
    items = []
    for index, item in enumerate(batch):
        try:
            items.append(parse_alert(item))
        except IntakeError as exc:
            raise HttpError(422, f"alert {index}: {exc}" if isinstance(data, list) else str(exc)) from None
    return await _submit(hub, items, identity)


@_guard
async def post_cap(request: Request) -> Response:
    hub: Hub = request.app.state.hub
    identity = await _identity(request, hub)
    _source_only(identity)
    raw = await _body(request, hub.config.max_body_bytes)
    try:
        items = [parse_alert(a) for a in parse_cap(raw)]
    except IntakeError as exc:
        raise HttpError(422 if raw.lstrip().startswith(b"<") else 400, str(exc)) from None
    return await _submit(hub, items, identity)


@_guard
async def get_attachment(request: Request) -> Response:
    hub: Hub = request.app.state.hub
    identity = await _identity(request, hub)
    if identity.role is Role.SOURCE:
        raise HttpError(403, "sources may not read attachments")
    found = await hub.run_blocking(_read_attachment, hub, int(request.path_params["attachment_id"]))
    if found is None:
        raise HttpError(404, "no such attachment")
    name, mime, data = found
    return Response(data, media_type=mime, headers={"Content-Disposition": f'inline; filename="{name}"'})


def _read_attachment(hub: Hub, attachment_id: int) -> tuple[str, str, bytes] | None:
    with hub.engine.connect() as conn:
        return repo.attachment_data(conn, attachment_id)


async def health(request: Request) -> Response:
    hub: Hub = request.app.state.hub
    return JSONResponse({"status": "ok" if hub.started.is_set() else "starting", "epoch": hub.feed.epoch,
                         "seq": hub.feed.seq, "open_alerts": len(hub.alerts.alerts),
                         "pending": hub.alerts.pending})


async def openapi(_request: Request) -> Response:
    schema = AlertIn.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs", {})
    ok = {"description": "accepted once committed", "content": {"application/json": {"schema": {
        "type": "object", "properties": {"accepted": {"type": "array", "items": {
            "type": "object", "properties": {"id": {"type": "integer"}, "duplicate": {"type": "boolean"}}}}}}}}}
    errors = {str(code): {"description": text} for code, text in [
        (400, "malformed body"), (401, "missing or wrong credentials"), (403, "not allowed"),
        (413, "body too large"), (415, "wrong content type"), (422, "invalid alert (the reason is given)"),
        (429, "intake backlog full: retry later"), (503, "store unavailable")]}
    return JSONResponse({
        "openapi": "3.1.0",
        "info": {"title": "Command Hall hub intake", "version": "1"},
        "components": {"schemas": {"AlertIn": schema, **defs},
                       "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer"}}},
        "security": [{"apiKey": []}],
        "paths": {
            "/api/alerts": {"post": {
                "summary": "One alert or a batch (a JSON array, at most 1000)",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"oneOf": [
                    {"$ref": "#/components/schemas/AlertIn"},
                    {"type": "array", "items": {"$ref": "#/components/schemas/AlertIn"}}]}}}},
                "responses": {"201": ok, "200": ok, **errors}}},
            "/api/alerts/cap": {"post": {
                "summary": "A CAP 1.2 XML alert",
                "requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}}}},
                "responses": {"201": ok, "200": ok, **errors}}},
        },
    })
