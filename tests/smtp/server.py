"""A real SMTP server for Throughline's nudge tests: PyPI's `aiosmtpd`, which
nobody in this project wrote, with a handler that keeps each message it
accepts as a file.

    python server.py OUT_DIR [--refuse N]

prints `smtp listening on 127.0.0.1:PORT` once it accepts connections. Each
accepted message becomes OUT_DIR/N.eml (the bytes as received) and
OUT_DIR/N.json (envelope sender and recipients). With --refuse N, the first
N messages get `451` (a temporary failure), as a busy server would answer.
"""

import argparse
import json
import os
import socket
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, out, refuse):
        self.out = out
        self.refuse = refuse
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                return "451 4.3.0 Try again later"
            self.count += 1
            n = self.count
        base = os.path.join(self.out, f"{n:06d}")
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        # The .eml last: a reader that sees it sees the envelope too.
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.replace(base + ".tmp", base + ".eml")
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--refuse", type=int, default=0)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    port = free_port()
    controller = Controller(Keep(a.out, a.refuse), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"smtp listening on 127.0.0.1:{port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
