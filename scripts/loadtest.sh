#!/usr/bin/env bash
# `make loadtest`: the morning peak over HTTP (issue 23). A fresh database with
# visit_management and hr_attendance (no demo data), 500 reps set up by
# tests/benchmarks/loadtest.py, Odoo started with workers on a loopback port, then
# rounds of N reps each logging in, opening Today, checking in (ours and
# hr_attendance's systray check-in), saving and submitting a report; at the end the
# table and whether the targets hold (exit 1 if not). The server is always stopped.
#   LOADTEST_DB       the database (visit_load)
#   LOADTEST_ROUNDS   the rounds' N, in order ("50 200 500"; at most LOADTEST_REPS)
#   LOADTEST_REPS     reps set up (500)
#   LOADTEST_PORT     Odoo's HTTP port (8079); the gevent port is the next one up
#   LOADTEST_WORKERS  Odoo's HTTP workers (4)
#   LOADTEST_CONCURRENCY  requests in flight at most (2 a worker)
#   LOADTEST_KEEP=1   reuse a database already set up (updates the addon)
source "$(dirname "$0")/bootstrap.sh"

DB=${LOADTEST_DB:-visit_load}
ROUNDS=${LOADTEST_ROUNDS:-50 200 500}
REPS=${LOADTEST_REPS:-500}
PORT=${LOADTEST_PORT:-8079}
WORKERS=${LOADTEST_WORKERS:-4}
CONCURRENCY=${LOADTEST_CONCURRENCY:-$((2 * WORKERS))}
OUT_DIR="$VAR_DIR/loadtest"
LOADTEST="$REPO_ROOT/tests/benchmarks/loadtest.py"
mkdir -p "$OUT_DIR"

set_up() {
    [ "$(psql -qtA -d "$1" -c "SELECT count(*) FROM res_users WHERE login LIKE 'load_rep_%'" 2>/dev/null)" = "$REPS" ]
}

if [ "${LOADTEST_KEEP:-}" = 1 ] && set_up "$DB"; then
    say "Reusing '$DB': updating visit_management"
    odoo_bin -d "$DB" -u visit_management --stop-after-init --log-level=warn \
        || die "the update of $DB failed"
else
    say "Creating '$DB' with visit_management and hr_attendance (no demo data)"
    dropdb --if-exists --force "$DB"
    odoo_bin -d "$DB" -i visit_management,hr_attendance --stop-after-init --log-level=warn \
        || die "the install into $DB failed"
    say "Setting up $REPS reps"
    "$VENV/bin/python" "$LOADTEST" setup -c "$ODOO_CONF" -d "$DB" --reps "$REPS"
    vacuumdb --quiet --analyze -d "$DB" -t res_users -t res_partner -t hr_employee \
        -t crm_team_member -t visit_plan -t visit_plan_line
fi

SERVER_LOG="$OUT_DIR/server.log"
rm -f "$SERVER_LOG"
SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 1
        done
        # the workers too, should the master not have stopped them
        kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=
}
trap stop_server EXIT

# The gevent process the workers' master starts fails on this virtualenv's old
# pkg_resources (setuptools < 81, for Odoo's old sdists), which does not find
# zope.interface and zope.event under their normalised dist-info names; the master
# would start it again every second, costing a core. The server alone gets
# metadata stubs naming them.
SHIM="$OUT_DIR/pkg-shim"
if ! "$VENV/bin/python" -c 'import pkg_resources; pkg_resources.require("gevent")' 2>/dev/null; then
    mkdir -p "$SHIM"
    for dist in zope.interface zope.event; do
        version=$("$VENV/bin/python" -c "import importlib.metadata as m; print(m.version('$dist'))")
        printf 'Metadata-Version: 1.1\nName: %s\nVersion: %s\n' "$dist" "$version" \
            > "$SHIM/$dist-$version.egg-info"
    done
    export PYTHONPATH="$SHIM${PYTHONPATH:+:$PYTHONPATH}"
fi

say "Starting Odoo: $WORKERS workers on 127.0.0.1:$PORT (log: $SERVER_LOG)"
# its own process group, so that the trap can end the master and its workers
setsid "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" \
    --http-interface=127.0.0.1 --http-port="$PORT" --gevent-port=$((PORT + 1)) \
    --workers="$WORKERS" --max-cron-threads=0 \
    --limit-time-real=600 --limit-time-cpu=300 --limit-request=100000 \
    --db_maxconn=16 --log-level=warn --log-handler=werkzeug:INFO --logfile="$SERVER_LOG" &
SERVER_PID=$!
for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/web/login" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || die "Odoo did not start (see $SERVER_LOG)"
    sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/web/login" || die "Odoo does not answer on :$PORT"

# every worker loads the registry before the rounds (outside the timings)
for _ in $(seq 1 4); do
    warming=()
    for _ in $(seq 1 "$WORKERS"); do
        curl -fsS -o /dev/null "http://127.0.0.1:$PORT/web/login" &
        warming+=($!)
    done
    wait "${warming[@]}" || true
done

results=()
for n in $ROUNDS; do
    say "Round N = $n (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
    "$VENV/bin/python" "$LOADTEST" reset -c "$ODOO_CONF" -d "$DB" --reps "$n"
    "$VENV/bin/python" "$LOADTEST" run -c "$ODOO_CONF" -d "$DB" --reps "$n" \
        --url "http://127.0.0.1:$PORT" --concurrency "$CONCURRENCY" \
        --server-log "$SERVER_LOG" --out "$OUT_DIR/$n.json"
    results+=("$OUT_DIR/$n.json")
done
stop_server

say "Results"
"$VENV/bin/python" "$LOADTEST" summary "${results[@]}"
