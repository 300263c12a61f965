#!/usr/bin/env bash
# A private PostgreSQL cluster for development and tests.
#
#   Deploy/local-postgres.sh start|stop|restart|status|url|passfile|destroy
#
# The cluster lives in a project-local, git-ignored folder (.pgdata/) and listens on 127.0.0.1
# and on a short Unix socket path. Every connection authenticates with a password (scram-sha-256):
# `start` generates one for the superuser `postgres` and one for the application role
# `jixiao_app` (the server logs in as it), and keeps them in a libpq password file, mode 0600,
# inside the data folder: `export PGPASSFILE=$(Deploy/local-postgres.sh passfile)`. URLs carry
# no password. A cluster made by an older version of this script (trust) is converted on `start`.
# Runs as a normal user or as root (initdb and postgres then run as the `postgres` user via
# runuser). Every command is idempotent; `start` waits for readiness and prints the URL.
#
# Environment (all optional):
#   JIXIAO_PG_DIR    data folder            (default: <project>/.pgdata, or a folder under /tmp
#                                            when the server user cannot enter the project path)
#   JIXIAO_PG_PORT   TCP port on 127.0.0.1  (default: 54329)
#   JIXIAO_PG_QUIET  1 = print only the URL on start
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
port=${JIXIAO_PG_PORT:-54329}
superuser=postgres

say() { [ "${JIXIAO_PG_QUIET:-0}" = 1 ] || echo "local-postgres: $*" >&2; }
die() { echo "local-postgres: error: $*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "need root to run: $* (install it, or run as root)"; fi
}

# Install the Debian packages we need when they are missing.
ensure_packages() {
    local missing=()
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    [ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkgconf)
    command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
    command -v curl >/dev/null 2>&1 || missing+=(curl)  # run.sh and the reliability scripts
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    fi
}

bindir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$d" ] || d=$(pg_config --bindir 2>/dev/null || true)
    [ -x "$d/initdb" ] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
    echo "$d"
}

is_root() { [ "$(id -u)" = 0 ]; }

# Run a server binary as the server user (postgres when we are root, ourselves otherwise).
as_server() {
    if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Can the server user enter every parent folder of $1?
server_can_enter() {
    if is_root; then runuser -u postgres -- test -x "$1" 2>/dev/null; else test -x "$1"; fi
}

datadir() {
    if [ -n "${JIXIAO_PG_DIR:-}" ]; then echo "$JIXIAO_PG_DIR"; return; fi
    if server_can_enter "$root"; then echo "$root/.pgdata"; return; fi
    # Fallback: a folder under /tmp named after the project path.
    echo "/tmp/jixiao-pg-$(echo -n "$root" | sha1sum | cut -c1-10)"
}

# The socket folder must keep the socket path under ~100 bytes.
sockdir() {
    local d
    d="$(datadir)/s"
    if [ ${#d} -gt 80 ]; then d="/tmp/jx-$(echo -n "$(datadir)" | sha1sum | cut -c1-10)"; fi
    echo "$d"
}

# The application's database on the cluster (tests create databases of their own).
database=jixiao
url() { echo "postgres://$superuser@127.0.0.1:$port/$database"; }

# The libpq password file of the cluster (see the header).
passfile() { echo "$(datadir)/jixiao.pgpass"; }

# A random password (hex: nothing to quote in SQL, URLs or the password file).
new_password() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

# password ROLE: the role's password from the password file.
password() { awk -F: -v role="$1" '$4 == role { print $5; exit }' "$(passfile)"; }

# Writes the password file: both roles, for 127.0.0.1 and localhost on this port, any database.
write_passfile() {  # superuser-password app-password
    local file; file=$(passfile)
    (umask 077; : >"$file.new")
    {
        for host in 127.0.0.1 localhost; do
            echo "$host:$port:*:$superuser:$1"
            echo "$host:$port:*:jixiao_app:$2"
        done
    } >"$file.new"
    mv "$file.new" "$file"
}

# psql as the superuser over TCP (the password comes from the password file).
su_psql() { PGPASSFILE=$(passfile) psql -X -h 127.0.0.1 -p "$port" -U "$superuser" "$@"; }

# After start: the application role exists with its password, and no connection is trusted.
secure() {
    local pgdata hba; pgdata=$(datadir); hba="$pgdata/pg_hba.conf"
    if [ ! -f "$(passfile)" ]; then
        # A cluster from before passwords: it still trusts local connections, so set them now.
        write_passfile "$(new_password)" "$(new_password)"
        env -u PGPASSFILE psql -X -h 127.0.0.1 -p "$port" -U "$superuser" -d postgres -qc \
            "ALTER ROLE $superuser PASSWORD '$(password "$superuser")'" >/dev/null
    fi
    if grep -Eq '^[^#].*[[:space:]]trust[[:space:]]*$' "$hba"; then
        say "switching $hba from trust to scram-sha-256"
        sed -E -i 's/^([^#].*[[:space:]])trust[[:space:]]*$/\1scram-sha-256/' "$hba"
        as_server "$(bindir)/pg_ctl" -D "$pgdata" reload >/dev/null
        sleep 0.2
    fi
    su_psql -d postgres -qc "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'jixiao_app') THEN
            CREATE ROLE jixiao_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
        END IF;
        ALTER ROLE jixiao_app PASSWORD '$(password jixiao_app)';
    END \$\$" >/dev/null
}

running() {
    local pgdata; pgdata=$(datadir)
    [ -f "$pgdata/PG_VERSION" ] || return 1
    as_server "$(bindir)/pg_ctl" -D "$pgdata" status >/dev/null 2>&1
}

init_cluster() {
    local pgdata sock
    pgdata=$(datadir); sock=$(sockdir)
    if [ -f "$pgdata/PG_VERSION" ]; then return; fi
    say "initdb into $pgdata"
    # The socket folder sits inside the data folder: create it only after initdb.
    mkdir -p "$pgdata"
    if is_root; then chown postgres: "$pgdata"; fi
    chmod 700 "$pgdata"
    # Passwords from the first moment: initdb reads the superuser's from a file the server user
    # can read, removed right after.
    local pwfile
    pwfile=$(mktemp)
    new_password >"$pwfile"
    if is_root; then chown postgres: "$pwfile"; fi
    as_server "$(bindir)/initdb" -D "$pgdata" -U "$superuser" -A scram-sha-256 --pwfile="$pwfile" \
        -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    write_passfile "$(cat "$pwfile")" "$(new_password)"
    rm -f "$pwfile"
    cat >>"$pgdata/postgresql.conf" <<EOF

# jixiao: private development cluster
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
max_connections = 300
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
EOF
}

start() {
    ensure_packages
    init_cluster
    local pgdata sock
    pgdata=$(datadir); sock=$(sockdir)
    mkdir -p "$sock"; if is_root; then chown postgres: "$sock"; fi
    if ! running; then
        say "starting on 127.0.0.1:$port"
        as_server "$(bindir)/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
            -o "-p $port -k $sock" start >/dev/null \
            || { tail -n 20 "$pgdata/server.log" >&2; die "server did not start (port $port taken? see $pgdata/server.log)"; }
    fi
    local i
    for i in $(seq 1 100); do
        pg_isready -q -h 127.0.0.1 -p "$port" && break
        sleep 0.1
    done
    pg_isready -q -h 127.0.0.1 -p "$port" || die "server on port $port is not ready"
    secure
    if ! su_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
        su_psql -d postgres -qc "CREATE DATABASE $database" >/dev/null
    fi
    url
}

stop() {
    if running; then
        say "stopping"
        as_server "$(bindir)/pg_ctl" -D "$(datadir)" -w -m fast stop >/dev/null
    fi
}

restart() {
    running || { start; return; }
    as_server "$(bindir)/pg_ctl" -D "$(datadir)" -w -m fast \
        -o "-p $port -k $(sockdir)" restart >/dev/null
    url
}

status() {
    if running; then echo "running: $(url) (data: $(datadir))"
    else echo "stopped (data: $(datadir))"; return 3; fi
}

destroy() {
    stop || true
    local pgdata; pgdata=$(datadir)
    say "removing $pgdata"
    rm -rf "$pgdata" "$(sockdir)"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) restart ;;
    status) status ;;
    url) url ;;
    passfile) passfile ;;
    destroy) destroy ;;
    *) echo "usage: $0 start|stop|restart|status|url|passfile|destroy" >&2; exit 2 ;;
esac
