#!/usr/bin/env bash
# Runs a command with every process it starts on a clock shifted to a given moment
# (UTC): Odoo, the private PostgreSQL cluster that bootstrap.sh then starts, and the
# browser of the tours all read the same shifted time, which keeps running.
#   scripts/shifted_clock.sh "2028-02-29 20:30:00" bash scripts/test.sh
# libfaketime (Debian's faketime) is installed if missing. The shift is an offset,
# not a start time, so a process started later reads the same clock as the others.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 'YYYY-MM-DD HH:MM:SS' command [args...]" >&2; exit 2; }
moment=$1
shift
target=$(TZ=UTC date -d "$moment" +%s) || { echo "'$moment' is not a date and time" >&2; exit 2; }

if ! command -v faketime >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's faketime (libfaketime)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null) \
            || { echo "could not install faketime with apt-get" >&2; exit 1; }
    else
        echo "the shifted clock needs libfaketime: install it (e.g. 'sudo apt-get install faketime')" >&2
        exit 1
    fi
fi

offset=$((target - $(date +%s)))
# read by bootstrap.sh (a cluster on the shifted clock) and tests/test_clock.py
VISIT_SHIFTED_CLOCK=$(TZ=UTC date -d "@$target" '+%F %T')
export VISIT_SHIFTED_CLOCK
echo "Shifted clock: $VISIT_SHIFTED_CLOCK UTC (Shanghai: $(TZ=Asia/Shanghai date -d "@$target" '+%F %T')), offset ${offset} s"
# -m: the multi-threaded libfaketime (Odoo's server threads, PostgreSQL, Chromium).
# Not --exclude-monotonic: Chromium's child processes crash with it.
exec faketime -m -f "$(printf '%+d' "$offset")s" "$@"
