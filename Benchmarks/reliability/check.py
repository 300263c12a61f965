#!/usr/bin/env python3
"""Checks hammer.py's records against the audit trail and the indicators in the database.

    check.py --records records.jsonl --db URL --table T [--clean]

Reads (through psql) every indicator audit row of target table T and the indicators' current
state, then checks:

  ok_audited         every 2xx has exactly one audit row (matched by its unique reason), and
                     that row is this write: same indicator, actor rdrafter<client>, new value,
                     old version = If-Match, new version = the ETag returned
  refused_unaudited  every 4xx (409, 412, …) has none
  ambiguous          a transport error or a 5xx may or may not have committed (the answer was
                     lost, or the connection broke during COMMIT): at most one row, and if one,
                     it is this write; how many did commit is printed
  no_stray_rows      every update row of the table belongs to exactly one request
  version_chain      per indicator, in audit order, each update starts from the version and
                     value the previous row left (old = previous new, version + 1): no write
                     overwrote one it had not seen, i.e. no lost update
  final_values       each indicator's current value and version = its last audit row's
  clean (--clean)    zero 5xx and zero transport errors

Prints `name = value` figures and PASS/FAIL lines; exits 1 when a check fails.
"""
import argparse
import collections
import json
import subprocess
import sys


def psql(url, sql):
    out = subprocess.run(["psql", "-X", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


AuditRow = collections.namedtuple("AuditRow", "seq op indicator reason actor old_version new_version old_value new_value")


def audit_rows(url, table):
    rows = psql(url, f"""
        SELECT seq, op, indicator_id, coalesce(reason, ''), actor,
               coalesce(old_values->>'version', ''), coalesce(new_values->>'version', ''),
               coalesce(old_values->>'value', ''), coalesce(new_values->>'value', '')
        FROM audit_log WHERE table_id = {int(table)} AND entity = 'indicator' ORDER BY seq""")
    return [AuditRow(int(r[0]), r[1], int(r[2]), *r[3:]) for r in rows]


class Checks:
    def __init__(self):
        self.failed = False

    def report(self, name, problems, text):
        if problems:
            self.failed = True
            print(f"FAIL {name}: {text}; {len(problems)} violation(s), first: " + " | ".join(problems[:3]))
        else:
            print(f"PASS {name}: {text}")


def matches(record, row):
    """Whether audit row `row` is the write of `record`; a list of differences."""
    wrong = []
    if row.indicator != record["indicator"]:
        wrong.append(f"indicator {row.indicator} ≠ {record['indicator']}")
    if row.new_value != record["value"]:
        wrong.append(f"value {row.new_value!r} ≠ {record['value']!r}")
    if row.old_version != str(record["if_match"]):
        wrong.append(f"old version {row.old_version} ≠ If-Match {record['if_match']}")
    if row.actor != f"rdrafter{record['client']}":
        wrong.append(f"actor {row.actor}")
    return wrong


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--records", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--table", type=int, required=True)
    p.add_argument("--clean", action="store_true", help="also require zero 5xx and zero transport errors")
    a = p.parse_args()

    records = [json.loads(line) for line in open(a.records)]
    rows = audit_rows(a.db, a.table)
    by_reason = collections.defaultdict(list)
    for row in rows:
        if row.op == "update":
            by_reason[row.reason].append(row)
    checks = Checks()

    ok, refused, twice, ambiguous = [], [], [], collections.Counter()
    committed = collections.Counter()
    for r in records:
        found = by_reason.get(r["reason"], [])
        s = r["status"]
        where = f"{r['reason']} (status {s})"
        if 200 <= s < 300:
            if len(found) != 1:
                ok.append(f"{where}: {len(found)} audit rows")
            else:
                wrong = matches(r, found[0])
                if found[0].new_version != str(r["etag"]):
                    wrong.append(f"new version {found[0].new_version} ≠ ETag {r['etag']}")
                if wrong:
                    ok.append(f"{where}: " + ", ".join(wrong))
        elif 300 <= s < 500:
            if found:
                refused.append(f"{where}: {len(found)} audit rows")
        else:
            kind = "transport" if s == 0 else "5xx"
            ambiguous[kind] += 1
            if len(found) > 1 or (found and matches(r, found[0])):
                twice.append(f"{where}: {len(found)} audit rows, " + ", ".join(matches(r, found[0])))
            elif found:
                committed[kind] += 1
    checks.report("ok_audited", ok, "every 2xx has exactly one audit row, and it is that write")
    checks.report("refused_unaudited", refused, "every 4xx (409 included) has no audit row")
    checks.report("ambiguous_at_most_once", twice, "a transport error or 5xx has at most one audit row, and it is that write")
    for kind in ("transport", "5xx"):
        print(f"ambiguous_{kind} = {ambiguous[kind]}")
        print(f"ambiguous_{kind}_committed = {committed[kind]}")

    reasons = collections.Counter(r["reason"] for r in records)
    stray = [f"seq {row.seq} reason {row.reason!r}" for row in rows
             if row.op == "update" and reasons[row.reason] != 1]
    stray += [f"reason {reason!r}: {len(found)} rows" for reason, found in by_reason.items() if len(found) > 1]
    checks.report("no_stray_rows", stray, "every audit row of the run belongs to exactly one request")

    chain, last = [], {}
    for row in rows:
        if row.op == "insert":
            last[row.indicator] = row
            continue
        before = last.get(row.indicator)
        if row.op != "update" or before is None:
            chain.append(f"seq {row.seq}: {row.op} of indicator {row.indicator}")
        elif (row.old_version, row.old_value) != (before.new_version, before.new_value) \
                or int(row.new_version) != int(row.old_version) + 1:
            chain.append(f"seq {row.seq}: indicator {row.indicator} from version {row.old_version} "
                         f"value {row.old_value!r}, but seq {before.seq} left version {before.new_version} "
                         f"value {before.new_value!r}")
        last[row.indicator] = row
    checks.report("version_chain", chain, "each update starts from the state the previous audit row left (no lost update)")

    final = []
    for ident, version, value in psql(a.db, f"SELECT id, version, value FROM indicator WHERE table_id = {int(a.table)} ORDER BY id"):
        row = last.get(int(ident))
        if row is None or (row.new_version, row.new_value) != (version, value):
            final.append(f"indicator {ident} is version {version} value {value!r}, last audit row says "
                         + (f"version {row.new_version} value {row.new_value!r}" if row else "nothing"))
    checks.report("final_values", final, "each indicator's value and version equal its last audit row's")

    updates = sum(1 for row in rows if row.op == "update")
    print(f"audit_rows = {updates}")
    ok_count = sum(1 for r in records if 200 <= r["status"] < 300)
    checks.report("audit_count", [] if updates == ok_count + sum(committed.values()) else [f"{updates} rows"],
                  f"audit rows = ok + committed ambiguous = {ok_count} + {sum(committed.values())}")
    if a.clean:
        bad = [f"{r['reason']}: status {r['status']} {r['code'] or r['error']}" for r in records
               if r["status"] == 0 or r["status"] >= 500]
        checks.report("no_server_errors", bad, "zero 5xx and zero transport errors")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
