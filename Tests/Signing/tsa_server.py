#!/usr/bin/env python3
"""A local RFC 3161 time-stamping authority for the signing tests: `openssl ts -reply` behind Python's
http.server on 127.0.0.1. Prints the port it listens on, then serves until killed.

    tsa_server.py PKI_DIR [--mode good|garbage|refuse|silent]

garbage answers bytes that are no TimeStampResp, refuse answers status 2 (rejection), silent never answers.
"""
import http.server
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

pki = os.path.abspath(sys.argv[1])
mode = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--mode" else "good"

# TimeStampResp { status PKIStatusInfo { status 2 (rejection) } }
REJECTION = bytes([0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02])


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if mode == "silent":
            time.sleep(60)
            return
        if mode == "garbage":
            reply = b"this is not a timestamp"
        elif mode == "refuse":
            reply = REJECTION
        else:
            with tempfile.TemporaryDirectory() as scratch:
                request, response = os.path.join(scratch, "q.tsq"), os.path.join(scratch, "r.tsr")
                with open(request, "wb") as f:
                    f.write(query)
                subprocess.run(["openssl", "ts", "-reply", "-config", "tsa.cnf", "-queryfile", request, "-out", response],
                               cwd=pki, check=True, capture_output=True)
                with open(response, "rb") as f:
                    reply = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def exit_when_stdin_closes():
    # The test closes our standard input to stop us (and so does its death): no server outlives its test.
    sys.stdin.buffer.read()
    os._exit(0)


# A test runner may start us with SIGTERM blocked; take it back.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
signal.signal(signal.SIGTERM, signal.SIG_DFL)
threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
