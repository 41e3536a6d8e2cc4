"""A small LTI 1.3 platform for Throughline's interop tests, built on PyPI's
`lti1p3platform` (platform-side LTI 1.3 that nobody in this project wrote).

The library does the LTI work: the OIDC login initiation URL, checking the
tool's answer to it, the signed id_token, Deep Linking settings and the
checking of the tool's signed Deep Linking response (against the tool's JWKS,
fetched from the tool), the client-credentials token grant (the tool's JWT
assertion checked against the same JWKS), and the Assignment and Grade and
Names and Role Provisioning service handlers. This file only gives it HTTP
(the standard library's server), people, a course, and memory.

    python platform.py TOOL_BASE_URL

prints `platform listening on http://127.0.0.1:PORT` once it serves.

Routes (the first six are what a real platform has):
    GET  /start?user=ana&message=resource|deeplink&link=L[&program=P]
                             begin a launch: redirect to the tool's login URL
    GET  /auth?...           the tool's authentication request: an auto-posting form
    GET  /jwks               the platform's keys
    POST /token              client-credentials grant (JWT assertion)
    GET|POST /lineitems      AGS line items of the course: list (resource_id filter), add
    POST /lineitems/N/scores AGS scores; GET /lineitems/N a line item
    GET  /memberships        NRPS roster of the course
    POST /deep_link_return   the tool's Deep Linking response
    GET  /_state             what the platform received (for the test)
    POST /_fail?scores=N     answer the next N score posts with 503 (for the test)
    POST /_fail?token=garbage|huge
                             answer the next token request with text that is not JSON, or
                             with 300 KB of JSON (for the test)
    /start also takes expired=1 (an id_token already expired) and aud=X (one meant for X)
"""

import html
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlparse

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lti1p3platform.exceptions import LineItemNotFoundException, LtiException
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.membership import Context
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request
from lti1p3platform.score import UpdateScoreStatus
from lti1p3platform.service_connector import (
    AssignmentsGradesService,
    NamesRoleProvisioningService,
)

CLIENT_ID = "throughline-harness"
DEPLOYMENT_ID = "deployment-1"
KID = "harness-platform-1"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
PEOPLE = {
    "ana": {"name": "Ana Ruiz", "email": "ana@northwind.example", "roles": [INSTRUCTOR]},
    "ben": {"name": "Ben Okafor", "email": "ben@northwind.example", "roles": [LEARNER]},
    "chloe": {"name": "Chloe Martin", "email": "chloe@northwind.example", "roles": [LEARNER]},
}
COURSE = Context(id="course-1", label="COACH-1", title="Coaching for leaders")

_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PRIVATE_PEM = _key.private_bytes(
    serialization.Encoding.PEM,
    serialization.PrivateFormat.PKCS8,
    serialization.NoEncryption(),
).decode()
PUBLIC_PEM = _key.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
).decode()

TOOL = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080"
BASE = ""  # set once the server has a port

lock = threading.Lock()
received = {"scores": [], "deep_links": [], "tokens": 0, "refused": [], "lineitems": {}}
fail_scores = [0]
fail_token = [None]


class HarnessRegistration(Registration):
    """The library's registration, with a key id on the platform's key."""

    def get_kid(self):
        return KID

    def get_jwks(self):
        jwk = Registration.get_jwk(self.get_platform_public_key())
        jwk["kid"] = KID
        return [jwk]


def registration():
    # A fresh registration per request: the library caches the tool's JWKS on
    # it, and the tests rotate the tool's keys.
    return (
        HarnessRegistration()
        .set_iss(BASE)
        .set_client_id(CLIENT_ID)
        .set_deployment_id(DEPLOYMENT_ID)
        .set_oidc_login_url(TOOL + "/lti/login")
        .set_launch_url(TOOL + "/lti/launch")
        .set_deeplink_launch_url(TOOL + "/lti/launch")
        .set_platform_public_key(PUBLIC_PEM)
        .set_platform_private_key(PRIVATE_PEM)
        .set_tool_key_set_url(TOOL + "/lti/jwks")
    )


class Platform(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, **kwargs):
        pass

    def get_registration_by_params(self, **kwargs):
        return registration()


def platform():
    """The platform configuration with its registration loaded (the library's
    service handlers and token grant expect it set)."""
    config = Platform()
    config.get_registration()
    return config


class HarnessRequest(Request):
    def build_metadata(self, request):
        return request


class Login(OIDCLoginAbstract):
    def set_lti_message_hint(self, **kwargs):
        self._lti_message_hint = json.dumps(kwargs, sort_keys=True)

    def get_redirect(self, url):
        return url


class Launch(LTIAdvantageMessageLaunchAbstract):
    def prepare_launch(self, preflight_response):
        hint = json.loads(preflight_response.get("lti_message_hint") or "{}")
        who = preflight_response.get("login_hint", "")
        person = PEOPLE.get(who, {"name": who, "email": None, "roles": [LEARNER]})
        self.set_user_data(who, person["roles"], person["name"], person["email"])
        self.set_launch_context_claim(COURSE.id, context_title=COURSE.title, context_label=COURSE.label)
        self.set_resource_link_claim(hint.get("link") or "link-1", title="Coaching follow-up")
        if hint.get("program"):
            self.set_custom_parameters_claim({"program": hint["program"]})
        if hint.get("expired"):
            self.set_id_token_expiration(-600)
        if hint.get("aud"):
            self.set_extra_claims({"aud": hint["aud"]})
        if hint.get("message") == "deeplink":
            self.set_dl(BASE + "/deep_link_return", title="Throughline", accept_types={"ltiResourceLink"},
                        extra_data={"data": "opaque-platform-data"})
        else:
            self.set_ags(BASE + "/lineitems", BASE + "/lineitems/1")
            self.set_nrps(BASE + "/memberships")

    def render_launch_form(self, launch_data, **kwargs):
        fields = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(str(v))}">'
            for k, v in launch_data.items()
            if k != "launch_url"
        )
        return (
            f'<!doctype html><html><body><form id="launch" method="post" action="{html.escape(launch_data["launch_url"])}">'
            f"{fields}</form><script>document.getElementById('launch').submit()</script></body></html>"
        )


class Grades(AssignmentsGradesService):
    """Line item 1 comes with the resource link; tools may add more."""

    def items(self):
        first = {"id": BASE + "/lineitems/1", "scoreMaximum": 1, "label": "Coaching follow-up", "resourceLinkId": "link-1"}
        return [first] + list(received["lineitems"].values())

    def find_lineitems(self, **params):
        with lock:
            items = [i for i in self.items()
                     if all(i.get(k) == params[q] for q, k in (("resource_id", "resourceId"), ("tag", "tag")) if q in params)]
        return {"content": items, "has_next": False}

    def find_lineitem(self, line_item_id):
        with lock:
            for item in self.items():
                if item["id"].rsplit("/", 1)[-1] == line_item_id:
                    return item
        raise LineItemNotFoundException()

    def create_lineitem(self, creation_data):
        with lock:
            n = len(received["lineitems"]) + 2
            item = dict(creation_data, id=f"{BASE}/lineitems/{n}")
            received["lineitems"][str(n)] = item
        return item

    def update_lineitem(self, *args, **kwargs):
        raise NotImplementedError

    def delete_lineitem(self, *args, **kwargs):
        raise NotImplementedError

    def update_score(self, line_item_id, score):
        self.find_lineitem(line_item_id)
        with lock:
            received["scores"].append(dict(score, lineitem=line_item_id))
        return UpdateScoreStatus.SUCCESS

    def get_results(self, *args, **kwargs):
        return {"content": [], "has_next": False}


class Roster(NamesRoleProvisioningService):
    def get_member_data_page(self, **kwargs):
        members = [
            {"user_id": who, "name": p["name"], "email": p["email"], "roles": p["roles"]}
            for who, p in PEOPLE.items()
        ]
        return {"content": members, "has_next": False}

    def get_context_by_id(self):
        return COURSE


def dataclass_json(value):
    return json.dumps(value, default=lambda o: o.__dict__)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, code, body, content_type="application/json", headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def request_for(self, body=b""):
        url = urlparse(self.path)
        form = {}
        payload = None
        ctype = self.headers.get("Content-Type", "")
        if "application/x-www-form-urlencoded" in ctype:
            form = dict(parse_qsl(body.decode()))
        elif body:
            try:
                payload = json.loads(body)
            except ValueError:
                payload = None
        return HarnessRequest(
            {
                "method": self.command,
                "form_data": form,
                "get_data": dict(parse_qsl(url.query)),
                # Header names are case-insensitive: keep the server's own mapping.
                "headers": self.headers,
                "content_type": ctype,
                "path": url.path,
                "json": payload,
            }
        )

    def service_reply(self, response):
        body = "" if response.result is None else dataclass_json(response.result)
        if response.code >= 400:
            with lock:
                received["refused"].append({"path": self.path, "code": response.code, "message": response.message})
            body = json.dumps({"error": response.message})
        self.reply(response.code, body, response.media_type)

    def do_GET(self):
        url = urlparse(self.path)
        query = dict(parse_qsl(url.query))
        if url.path == "/jwks":
            return self.reply(200, json.dumps({"keys": registration().get_jwks()}))
        if url.path == "/start":
            login = Login(self.request_for(), Platform())
            hint = {k: query[k] for k in ("message", "link", "program", "expired", "aud") if k in query}
            login.set_lti_message_hint(**hint)
            return self.reply(302, "", headers=[("Location", login.initiate_login(query.get("user", "ana")))])
        if url.path == "/auth":
            try:
                form = Launch(self.request_for(), Platform()).lti_launch()
            except Exception as error:  # the library raises on a bad authentication request
                with lock:
                    received["refused"].append({"path": url.path, "code": 400, "message": repr(error)})
                return self.reply(400, json.dumps({"error": repr(error)}))
            return self.reply(200, form, "text/html; charset=utf-8")
        if url.path == "/lineitems":
            service = Grades(self.request_for(), platform(), BASE + "/lineitems", BASE + "/lineitems/1")
            return self.service_reply(self.guard(lambda: service.handle_resp(service.handle_get_lineitems)))
        if url.path.startswith("/lineitems/"):
            service = Grades(self.request_for(), platform(), BASE + "/lineitems", BASE + "/lineitems/1")
            item = url.path.rsplit("/", 1)[-1]
            return self.service_reply(self.guard(lambda: service.handle_resp(service.handle_get_lineitem, line_item_id=item)))
        if url.path == "/memberships":
            service = Roster(self.request_for(), platform(), BASE + "/memberships")
            return self.service_reply(self.guard(lambda: service.handle_resp(service.handle_get_members)))
        if url.path == "/_state":
            with lock:
                return self.reply(200, json.dumps(received))
        self.reply(404, json.dumps({"error": "no such route"}))

    def guard(self, call):
        try:
            return call()
        except LtiException as error:  # an invalid or expired token
            from lti1p3platform.response import Response

            return Response(result=None, code=401, message=str(error))

    def do_POST(self):
        url = urlparse(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = self.request_for(body)
        if url.path == "/token":
            with lock:
                fault, fail_token[0] = fail_token[0], None
            if fault == "garbage":
                return self.reply(200, "<html>Service unavailable</html>", "text/html")
            if fault == "huge":
                return self.reply(200, json.dumps({"access_token": "x" * 300_000}))
            try:
                token = platform().get_access_token(request.form_data)
            except Exception as error:
                with lock:
                    received["refused"].append({"path": url.path, "code": 400, "message": repr(error)})
                return self.reply(400, json.dumps({"error": "invalid_client", "error_description": repr(error)}))
            with lock:
                received["tokens"] += 1
            return self.reply(200, json.dumps(token))
        if url.path == "/lineitems":
            service = Grades(request, platform(), BASE + "/lineitems", BASE + "/lineitems/1")
            return self.service_reply(self.guard(lambda: service.handle_resp(service.handle_create_lineitem)))
        if url.path.startswith("/lineitems/") and url.path.endswith("/scores"):
            with lock:
                if fail_scores[0] > 0:
                    fail_scores[0] -= 1
                    return self.reply(503, json.dumps({"error": "try again later"}))
            item = url.path.split("/")[2]
            service = Grades(request, platform(), BASE + "/lineitems", BASE + "/lineitems/1")
            return self.service_reply(self.guard(lambda: service.handle_resp(service.handle_update_score, line_item_id=item)))
        if url.path == "/deep_link_return":
            try:
                items = platform().validate_deeplinking_resp(request.form_data)
            except Exception as error:
                with lock:
                    received["refused"].append({"path": url.path, "code": 400, "message": repr(error)})
                return self.reply(400, json.dumps({"error": repr(error)}))
            with lock:
                received["deep_links"].append(items)
            return self.reply(200, "<!doctype html><p>Added to the course.</p>", "text/html")
        if url.path == "/_fail":
            query = dict(parse_qsl(url.query))
            with lock:
                fail_scores[0] = int(query.get("scores", "0"))
                fail_token[0] = query.get("token")
            return self.reply(204, "")
        self.reply(404, json.dumps({"error": "no such route"}))


def main():
    global BASE
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    BASE = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"platform listening on {BASE}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
