#!/usr/bin/env python3
"""Load generator of the reliability scripts: conflicting indicator writes over HTTP.

    hammer.py --port P --table T --indicators ID:VER,ID:VER,... --clients C
              (--writes N | --seconds S) --tag nlu --out records.jsonl

Client c (1…C) uses the token of drafter rdrafter<c> (Benchmarks/reliability/seed.sql) and one
persistent keep-alive connection, and sends PATCH /v1/tables/T/indicators/ID with
If-Match: "<version it believes current>" and a unique value and reason ("<tag> c<c> w<w>"), on
a randomly chosen indicator. It learns versions from each answer's ETag: a 200 carries the new
version, a 409 the current one. After a 5xx or a transport error it keeps its version (the next
write finds out) and backs off briefly, so that an outage is sampled, not flooded.

Every request becomes one JSON line in --out: client, w, indicator, if_match, status (0 for a
transport error), value, reason, etag (version or null), code (the error code of the body),
error (transport error text), and wall-clock times start, sent (request written), end. The
checker (check.py) matches them against the audit trail. A summary goes to stdout as
`name = value` lines. Python 3 standard library only.
"""
import argparse
import http.client
import json
import random
import re
import sys
import threading
import time

TOKEN_FORMAT = "jx_rel_%060d"  # as in seed.sql
ETAG = re.compile(r'"(\d+)"')


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--table", type=int, required=True)
    p.add_argument("--indicators", required=True, help="ID:VERSION,… as printed by seed.sql")
    p.add_argument("--clients", type=int, default=64)
    p.add_argument("--writes", type=int, help="writes per client")
    p.add_argument("--seconds", type=float, help="run for this long instead of a fixed count")
    p.add_argument("--tag", default="nlu", help="first word of every reason")
    p.add_argument("--out", required=True, help="JSON lines, one per request")
    p.add_argument("--timeout", type=float, default=30.0, help="socket timeout per request (s)")
    p.add_argument("--backoff", type=float, default=0.05, help="pause after a 5xx or transport error (s)")
    a = p.parse_args()
    if (a.writes is None) == (a.seconds is None):
        p.error("give exactly one of --writes and --seconds")
    return a


class Client(threading.Thread):
    def __init__(self, number, args, versions, start_gate):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number, self.args, self.gate = number, args, start_gate
        self.versions = dict(versions)  # this client's belief: indicator id -> version
        self.indicators = sorted(versions)
        self.records = []
        self.rng = random.Random(number)
        self.conn = None
        self.headers = {
            "Authorization": "Bearer " + TOKEN_FORMAT % number,
            "Content-Type": "application/json",
        }

    def connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.args.host, self.args.port, timeout=self.args.timeout)
        return self.conn

    def run(self):
        a = self.args
        self.gate.wait()
        deadline = time.time() + a.seconds if a.seconds is not None else None
        w = 0
        while (w < a.writes) if deadline is None else (time.time() < deadline):
            w += 1
            self.records.append(self.write(w))
        if self.conn is not None:
            self.conn.close()

    def write(self, w):
        indicator = self.rng.choice(self.indicators)
        version = self.versions[indicator]
        # Unique per request across clients, so that the audit trail identifies each write.
        value = str(self.number * 1_000_000 + w)
        reason = f"{self.args.tag} c{self.number} w{w}"
        body = json.dumps({"value": value, "reason": reason}).encode()
        record = {"client": self.number, "w": w, "indicator": indicator, "if_match": version,
                  "status": 0, "value": value, "reason": reason, "etag": None, "code": None,
                  "error": None, "start": time.time(), "sent": None, "end": None}
        headers = dict(self.headers, **{"If-Match": f'"{version}"'})
        try:
            conn = self.connection()
            conn.request("PATCH", f"/v1/tables/{self.args.table}/indicators/{indicator}", body=body, headers=headers)
            record["sent"] = time.time()
            response = conn.getresponse()
            payload = response.read()
            record["status"] = response.status
            match = ETAG.search(response.getheader("ETag") or "")
            if match:
                record["etag"] = int(match.group(1))
            if response.status >= 400:
                record["code"] = error_code(payload)
        except (OSError, http.client.HTTPException) as error:
            # Refused, reset, closed before the answer, timed out: the write's fate is unknown
            # to this client. Start over on a new connection.
            record["error"] = f"{type(error).__name__}: {error}"[:200]
            if self.conn is not None:
                self.conn.close()
            self.conn = None
        record["end"] = time.time()
        status = record["status"]
        if status in (200, 409) and record["etag"] is not None:
            self.versions[indicator] = record["etag"]
        if status == 0 or status >= 500:
            time.sleep(self.args.backoff)
        return record


def error_code(payload):
    try:
        return json.loads(payload)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def main():
    a = parse_args()
    versions = {}
    for item in a.indicators.split(","):
        ident, version = item.split(":")
        versions[int(ident)] = int(version)
    gate = threading.Barrier(a.clients + 1)
    clients = [Client(n, a, versions, gate) for n in range(1, a.clients + 1)]
    for c in clients:
        c.start()
    gate.wait()
    t0 = time.time()
    for c in clients:
        c.join()
    seconds = time.time() - t0

    records = [r for c in clients for r in c.records]
    with open(a.out, "w") as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")

    count = lambda pred: sum(1 for r in records if pred(r["status"]))
    latencies = sorted((r["end"] - r["start"]) * 1000 for r in records)
    figures = [
        ("requests", len(records)),
        ("ok", count(lambda s: 200 <= s < 300)),
        ("conflicts", count(lambda s: s == 409)),
        ("other", count(lambda s: 300 <= s < 500 and s != 409)),
        ("server_errors", count(lambda s: s >= 500)),
        ("transport_errors", count(lambda s: s == 0)),
        ("seconds", f"{seconds:.2f}"),
        ("req_per_s", f"{len(records) / seconds:.1f}"),
        ("ok_per_s", f"{count(lambda s: 200 <= s < 300) / seconds:.1f}"),
        ("latency_p50_ms", f"{percentile(latencies, 0.50):.1f}"),
        ("latency_p99_ms", f"{percentile(latencies, 0.99):.1f}"),
        ("latency_max_ms", f"{latencies[-1] if latencies else float('nan'):.1f}"),
    ]
    for name, value in figures:
        print(f"{name} = {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
