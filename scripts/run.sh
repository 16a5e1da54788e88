#!/usr/bin/env bash
# `make run`: set-up if missing, the demo database (created once, with demo data), then Odoo.
source "$(dirname "$0")/bootstrap.sh"

RUN_DB=${RUN_DB:-visit_demo}
HTTP_PORT=${HTTP_PORT:-8069}

if psql -qtA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$RUN_DB'" | grep -q 1; then
    # The addons' code may have changed since the database was made: update them.
    UPDATE=(-u "$ADDONS")
else
    say "Creating the database '$RUN_DB' with $ADDONS and their demo data (once)"
    odoo_bin -d "$RUN_DB" -i "$ADDONS" --with-demo --stop-after-init \
        || { dropdb --if-exists "$RUN_DB"; die "the install failed (see above)."; }
    UPDATE=()
fi

say "Odoo is starting on http://localhost:$HTTP_PORT  (login: admin  password: admin)"
odoo_bin -d "$RUN_DB" "${UPDATE[@]}" --db-filter="^$RUN_DB\$" --http-interface=127.0.0.1 --http-port="$HTTP_PORT" "$@"
