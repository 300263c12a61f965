#!/usr/bin/env bash
# The run command: on a fresh Debian/Ubuntu machine with Swift installed, installs what is
# missing, builds, starts the private PostgreSQL, migrates, loads the sample documents with
# demo units and users, prints their passwords, tokens and a few curl commands, and serves HTTP
# on 127.0.0.1:8080 until Ctrl-C. Running it again reuses what is there (new passwords, tokens).
#
#   ./Deploy/run.sh            (JIXIAO_PORT=8081 ./Deploy/run.sh for another port)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v swift >/dev/null 2>&1 || { echo "run: Swift is not installed (https://swift.org/install)" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "run: python3 is needed to read JSON" >&2; exit 1; }
port=${JIXIAO_PORT:-8080}

JIXIAO_DATABASE_URL=$(JIXIAO_PG_QUIET=1 Deploy/local-postgres.sh start)
export JIXIAO_DATABASE_URL
# The cluster's passwords (scram; no URL carries one).
PGPASSFILE=$(Deploy/local-postgres.sh passfile)
export PGPASSFILE
echo "run: PostgreSQL at $JIXIAO_DATABASE_URL" >&2

echo "run: building jixiao (first time: a few minutes)" >&2
swift build --product jixiao >&2
jixiao="$(swift build --show-bin-path)/jixiao"

"$jixiao" db migrate >&2
if ! "$jixiao" user list --as admin >/dev/null 2>&1; then
    "$jixiao" db init --admin admin --display-name 管理员 --unit-code 000 --unit-name 和政县财政局 >&2
fi
"$jixiao" import Deploy/samples/targets-2025.txt --create-units --as admin | tail -n 1 >&2

users_json=$("$jixiao" user list --json --as admin)
has_user() { python3 -c 'import json,sys; sys.exit(0 if any(u["login"] == sys.argv[1] for u in json.load(sys.stdin)) else 1)' "$1" <<<"$users_json"; }
add_user() {  # login unit roles display-name
    has_user "$1" || "$jixiao" user add "$1" --unit "$2" --role "$3" --name "$4" --as admin >/dev/null
}

# A drafter for every unit the documents name, a supervisor for the bureau, finance, an auditor.
units=$("$jixiao" unit list --json --as admin | python3 -c '
import json, sys
for unit in json.load(sys.stdin):
    if unit["code"] != "000":
        print(unit["code"])')
n=0
while IFS= read -r unit; do
    [ -n "$unit" ] || continue
    n=$((n + 1))
    add_user "drafter$n" "$unit" drafter "填报员$n（$unit）"
done <<<"$units"
add_user supervisor 和政县人力资源和社会保障局 supervisor 主管部门审核员
add_user finance 000 finance 财政审核员
add_user auditor 000 auditor 审计员

token() { "$jixiao" token issue "$1" --label demo --days 30 --json --as admin | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
drafter_token=$(token drafter1)
supervisor_token=$(token supervisor)
finance_token=$(token finance)
auditor_token=$(token auditor)
# A fresh random password per demo user and run, set as a real user would get one: an admin's
# reset (--reset: also for the admin itself), then the user's own change, so that no change is
# due at the first sign-in. Each costs three bcrypt hashes at cost 12 (about a second).
random_password() { python3 -c 'import secrets; print("demo-" + secrets.token_urlsafe(12))'; }
demo_password() {
    local temporary final
    temporary=$(random_password)
    final=$(random_password)
    printf '%s\n' "$temporary" | "$jixiao" user password "$1" --reset --as admin 2>/dev/null
    printf '%s\n%s\n' "$temporary" "$final" | "$jixiao" user password "$1" --as "$1" 2>/dev/null
    echo "$final"
}
echo "run: giving the demo users passwords" >&2
drafter_password=$(demo_password drafter1)
supervisor_password=$(demo_password supervisor)
finance_password=$(demo_password finance)
auditor_password=$(demo_password auditor)
admin_password=$(demo_password admin)
first_table=$("$jixiao" table list --json --as drafter1 | python3 -c 'import json,sys; t=json.load(sys.stdin); print(t[0]["id"] if t else 1)')

cat <<TXT

Jixiao is serving the sample tables on http://127.0.0.1:$port (Ctrl-C stops it).

Demo passwords (new ones on every run; \`jixiao user password LOGIN --as admin\` resets one):
  drafter1    $drafter_password
  supervisor  $supervisor_password
  finance     $finance_password
  auditor     $auditor_password
  admin       $admin_password

Demo tokens (valid 30 days; new ones on every run):
  drafter1   (a drafter of $(head -n 1 <<<"$units"))  $drafter_token
  supervisor (和政县人力资源和社会保障局)            $supervisor_token
  finance                                            $finance_token
  auditor                                            $auditor_token
Other units have drafter2, drafter3, …: \`$jixiao token issue drafter2 --as admin\`.

Sign in (a session cookie; writes with it need the X-Requested-With header or a same-origin Origin):
  curl -s -c jar -H 'Content-Type: application/json' -d '{"login": "drafter1", "password": "'"$drafter_password"'"}' http://127.0.0.1:$port/v1/session
  curl -s -b jar http://127.0.0.1:$port/v1/sessions

Try:
  curl -s -H "Authorization: Bearer $drafter_token" http://127.0.0.1:$port/v1/tables
  curl -s -H "Authorization: Bearer $drafter_token" http://127.0.0.1:$port/v1/tables/$first_table/findings
  curl -s -H "Authorization: Bearer $auditor_token" http://127.0.0.1:$port/v1/tables/$first_table/history

TXT
# The server logs in as the application role itself (its password is in PGPASSFILE).
app_url=$(sed -E 's#^(postgres(ql)?://)[^@/]*@#\1jixiao_app@#' <<<"$JIXIAO_DATABASE_URL")
exec "$jixiao" serve --host 127.0.0.1 --port "$port" --database-url "$app_url"
