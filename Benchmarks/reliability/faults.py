#!/usr/bin/env python3
"""Figures and verdicts of faults.sh: how the service behaved around each fault.

    faults.py --records records.jsonl --events events.txt [--recovery-limit 5] [--latency-limit 5]

events.txt has one `name epoch-seconds [value]` line per moment faults.sh recorded:
pg_restart_begin / pg_restart_end (pg_ctl restart -m fast), kill9 / serve_started_after_kill9,
sigterm / serve_exited (value: exit code). Records are hammer.py's, with wall-clock times of the
same clock. Whether the writes are consistent with the audit trail is check.py's business.
"""
import argparse
import json
import sys


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--records", required=True)
    p.add_argument("--events", required=True)
    p.add_argument("--recovery-limit", type=float, default=5.0, help="seconds from restart to first 2xx")
    p.add_argument("--latency-limit", type=float, default=5.0, help="pool acquire timeout (s)")
    a = p.parse_args()
    records = sorted((json.loads(line) for line in open(a.records)), key=lambda r: r["start"])
    events = {}
    for line in open(a.events):
        name, at, *value = line.split()
        events[name] = (float(at), value[0] if value else None)
    failed = False

    def say(name, value):
        print(f"{name} = {value}")

    def verdict(name, ok, text):
        nonlocal failed
        failed |= not ok
        print(f"{'PASS' if ok else 'FAIL'} {name}: {text}")

    def first_ok_after(t):
        ends = [r["end"] for r in records if 200 <= r["status"] < 300 and r["end"] > t]
        return min(ends) if ends else None

    # (a) PostgreSQL restarted under load.
    begin, end = events["pg_restart_begin"][0], events["pg_restart_end"][0]
    recovered = first_ok_after(end)
    until = recovered if recovered is not None else float("inf")
    during = [r for r in records if r["end"] >= begin and r["start"] <= until]
    unexpected = [r for r in during if r["status"] not in (200, 409, 503)]
    max_latency = max((r["end"] - r["start"] for r in during), default=0.0)
    say("pg_restart_seconds", f"{end - begin:.2f}")
    say("outage_requests", len(during))
    say("outage_503", sum(1 for r in during if r["status"] == 503))
    say("outage_other_errors", len(unexpected))
    say("outage_max_latency_s", f"{max_latency:.3f}")
    say("recovery_seconds", f"{recovered - end:.3f}" if recovered is not None else "never")
    exercised = any(r["status"] == 503 for r in during)
    verdict("outage_503", exercised and not unexpected,
            "requests that fail during the restart fail with 503 (no 500, no broken connection)"
            + (f"; first other: {describe(unexpected[0])}" if unexpected else "")
            + ("" if exercised else "; but none failed: the outage was not exercised"))
    verdict("outage_no_hang", max_latency <= a.latency_limit,
            f"slowest request around the restart took {max_latency:.3f} s (limit: the pool timeout, {a.latency_limit:g} s)")
    verdict("recovery", recovered is not None and recovered - end <= a.recovery_limit,
            f"first 2xx {recovered - end:.3f} s after the restart finished, without restarting jixiao (limit {a.recovery_limit:g} s)"
            if recovered is not None else "no 2xx after the restart")

    # (b) kill -9 of jixiao serve, started again.
    kill, started = events["kill9"][0], events["serve_started_after_kill9"][0]
    again = first_ok_after(started)
    near = [r for r in records if r["end"] >= kill and r["start"] <= (again or float("inf"))]
    say("kill9_downtime_seconds", f"{started - kill:.2f}")
    say("kill9_transport_errors", sum(1 for r in near if r["status"] == 0))
    say("kill9_in_flight", sum(1 for r in near if r["start"] < kill and r["status"] == 0 and r["sent"] is not None))
    say("kill9_first_ok_after_start_s", f"{again - started:.3f}" if again is not None else "never")
    verdict("kill9_restart", again is not None and not any(r["status"] >= 500 for r in near),
            "after kill -9 and a new start the service answers 2xx again, no 5xx around it")

    # (c) SIGTERM under load: what was sent before it gets a complete answer.
    term = events["sigterm"][0]
    exited, code = events["serve_exited"]
    # Sent (written completely) before SIGTERM and not answered before it. A request that was
    # being written when the server closed an idle connection has no `sent` time: it never
    # reached the server whole, and the client knows it.
    in_flight = [r for r in records if r["sent"] is not None and r["sent"] < term < r["end"]]
    lost = [r for r in in_flight if r["status"] == 0]
    bad = [r for r in in_flight if r["status"] >= 500]
    say("sigterm_in_flight", len(in_flight))
    say("sigterm_in_flight_answered", sum(1 for r in in_flight if r["status"] != 0))
    say("sigterm_lost_answers", len(lost))
    say("sigterm_shutdown_seconds", f"{exited - term:.3f}")
    say("sigterm_exit_code", code)
    verdict("sigterm_in_flight_finish", bool(in_flight) and not lost and not bad,
            f"{len(in_flight)} requests in flight at SIGTERM all got a complete, non-5xx answer"
            if in_flight and not lost and not bad else
            f"in flight {len(in_flight)}, without an answer {len(lost)}, 5xx {len(bad)}"
            + (f"; first: {describe((lost + bad)[0])}" if lost or bad else " (no request was in flight: not tested)"))
    verdict("sigterm_exit_0", code == "0", f"jixiao serve exited with {code} after SIGTERM")

    errors500 = [r for r in records if r["status"] >= 500 and r["status"] != 503]
    verdict("no_500", not errors500, "no 5xx other than 503 in the whole run"
            + (f"; first: {describe(errors500[0])}" if errors500 else ""))
    return 1 if failed else 0


def describe(r):
    return (f"{r['reason']} status {r['status']} {r['code'] or r['error'] or ''} "
            f"at {r['start']:.3f}…{r['end']:.3f}").strip()


if __name__ == "__main__":
    sys.exit(main())
