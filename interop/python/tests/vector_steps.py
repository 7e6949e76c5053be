"""A golden-vector step (an HTTP request and its expected answer) as a call into processor_core.

The core is what a research script calls: ingestion, FASTQ statistics, key reads, stats, reset.
Routing (404, 405), the content-type (415), size (413) and UTF-8 (400) checks, /health and
/metrics are the HTTP layer's (the spec's "Errors" checks 1-5), which the extension has no part
in; such steps are reported as HTTP_ONLY and not replayed. None of them changes any state, so
the steps after them replay as they would against a server.
"""

import processor_core
import reference_model

HTTP_ONLY = object()
MAX_BODY_BYTES = 4 * 1024 * 1024
MEDIA_TYPES = {"/v1/events": "application/json", "/v1/reads": "text/plain"}
METHODS = {"/v1/events": "POST", "/v1/reads": "POST", "/v1/reset": "POST", "/v1/stats": "GET", "/v1/keys": "GET"}


def media_type(headers):
    value = {k.lower(): v for k, v in headers.items()}.get("content-type")
    return None if value is None else value.split(";", 1)[0].strip().lower()


def is_utf8(body):
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def call(core, request):
    """(status, body) as the HTTP service would answer, or HTTP_ONLY."""
    route, key = reference_model.Model().route(request["path"])
    if route not in METHODS or request["method"] != METHODS[route]:
        return HTTP_ONLY
    body = reference_model.request_bytes(request)
    if route in MEDIA_TYPES:
        if media_type(request.get("headers", {})) != MEDIA_TYPES[route] or len(body) > MAX_BODY_BYTES or not is_utf8(body):
            return HTTP_ONLY

    if route == "/v1/stats":
        return 200, core.stats()
    if route == "/v1/reset":
        core.reset()
        return 200, {"reset": True}
    if route == "/v1/keys":
        view = core.key(key)
        return (404, {"error": "unknown key"}) if view is None else (200, view)
    if route == "/v1/events":
        try:
            return 200, core.ingest(body)
        except processor_core.BatchError as e:
            return 400, {"error": str(e)}
    try:
        return 200, core.analyze_reads(body)
    except processor_core.FastqError as e:
        return 400, {"error": str(e), "record": e.record, "reason": e.reason}
