"""API fuzzing against the app's own OpenAPI document (issue 18's "no server error
and no traceback"): for every operation, requests drawn from its schema (path and
query parameters, JSON bodies that fit the schema) mixed with JSON that does not,
sent with an admin's token (the deepest reach). Every answer is below 500, is
JSON, and carries no traceback.

schemathesis is not in the package index this project installs from, so this is
a small hypothesis generator over the same document (bounded: 25 examples per
operation, derandomized so a failure repeats)."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tally.store.api_tokens import create_token
from tests.web.review_project import review_project

pytestmark = pytest.mark.slow

EXAMPLES = 25
TEXT = st.text(max_size=40) | st.sampled_from([
    "", "0", "-1", "x-1", "../../etc/passwd", "<script>alert(1)</script>", "\u202eevil",
    "' OR 1=1 --", "%00", "\x00", "nobody", "inc-0", "محمد الأحمد", "9" * 40])
JSON_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=8)


def from_schema(schema: dict, components: dict, depth: int = 0):
    """A strategy for values that fit ``schema`` (the OpenAPI subset FastAPI writes)."""
    if "$ref" in schema:
        return from_schema(components[schema["$ref"].rsplit("/", 1)[1]], components, depth)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([from_schema(s, components, depth) for s in schema[key]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "const" in schema:
        return st.just(schema["const"])
    kind = schema.get("type")
    if kind == "string":
        low, high = schema.get("minLength", 0), min(schema.get("maxLength", 60), 60)
        return st.text(min_size=low, max_size=max(low, high)) | TEXT.filter(
            lambda s: low <= len(s) <= max(low, schema.get("maxLength", 10**6)))
    if kind == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        return st.integers(low, high) | st.integers(-(10**12), 10**12)
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array" and depth < 3:
        return st.lists(from_schema(schema.get("items", {}), components, depth + 1), max_size=3)
    if kind == "object" and depth < 3:
        props = schema.get("properties", {})
        required = set(schema.get("required", ()))
        return st.fixed_dictionaries(
            {k: from_schema(v, components, depth + 1) for k, v in props.items() if k in required},
            optional={k: from_schema(v, components, depth + 1)
                      for k, v in props.items() if k not in required})
    return JSON_ANY


@pytest.fixture(scope="module")
def client_and_doc(tmp_path_factory):
    from tally.web import create_app

    app = create_app(review_project(tmp_path_factory, "fuzz").root)
    token = create_token(app.state.project, "admin", "fuzz")
    client = TestClient(app, raise_server_exceptions=False,
                        headers={"Authorization": f"Bearer {token}"})
    return client, client.get("/openapi.json").json()


def operations():
    """(method, path) of every operation, read from the document the app serves."""
    import tempfile
    from pathlib import Path

    from tally.project import Project
    from tally.web import create_app

    with tempfile.TemporaryDirectory() as tmp:  # the document does not depend on the data
        Project.init(Path(tmp) / "p")
        app = create_app(Path(tmp) / "p")
        doc = TestClient(app).get("/openapi.json").json()
        app.state.keeper.close()
    return [(m.upper(), p) for p, ops in sorted(doc["paths"].items()) for m in sorted(ops)]


@pytest.mark.parametrize("method,path", operations())
def test_no_server_error_and_no_traceback(client_and_doc, method, path):
    client, doc = client_and_doc
    op = doc["paths"][path][method.lower()]
    components = doc.get("components", {}).get("schemas", {})
    params = op.get("parameters", [])
    path_params = {p["name"]: from_schema(p.get("schema", {}), components)
                   for p in params if p["in"] == "path"}
    query = {p["name"]: from_schema(p.get("schema", {}), components)
             for p in params if p["in"] == "query"}
    body_schema = (op.get("requestBody", {}).get("content", {})
                   .get("application/json", {}).get("schema"))
    if body_schema is None:
        body = st.none()
    elif (method, path) == ("POST", "/api/jobs"):
        body = JSON_ANY  # a schema-valid body would start real stage runs, hundreds of them
    else:
        body = from_schema(body_schema, components) | JSON_ANY

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries(path_params), st.fixed_dictionaries({}, optional=query), body)
    def check(path_values, query_values, json_body):
        url = path
        for name, value in path_values.items():
            url = url.replace("{" + name + "}", quote(str(value), safe="") or "x")
        response = client.request(
            method, url, params={k: v for k, v in query_values.items() if v is not None},
            content=None if json_body is None else json.dumps(json_body),
            headers={"Content-Type": "application/json"} if json_body is not None else {})
        assert response.status_code < 500, (method, url, query_values, json_body, response.text)
        assert "Traceback" not in response.text and 'File "' not in response.text
        assert response.headers["content-type"].startswith("application/json"), response.text
        response.json()

    check()
