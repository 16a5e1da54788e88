#!/usr/bin/env bash
# `make bench`: the benchmark of tests/benchmarks/ at two sizes. For each size, a
# fresh database with visit_management and visit_management_property (no demo
# data), filled by set-based SQL,
# vacuumed and analysed, a sample checked against the ORM's computation; then the
# measurements; then the route optimiser's (tests/benchmarks/route_bench.py, no
# database); at the end both tables and whether the targets hold (exit 1 if not).
#   BENCH_DB_PREFIX  database names are <prefix>_small and <prefix>_large (visit_bench)
#   BENCH_SIZES      the sizes to run, in order ("small large")
#   BENCH_KEEP=1     reuse a database that already holds the data (updates the addon)
source "$(dirname "$0")/bootstrap.sh"

PREFIX=${BENCH_DB_PREFIX:-visit_bench}
SIZES=${BENCH_SIZES:-small large}
OUT_DIR="$VAR_DIR/bench"
# the property addon's scheduled actions are measured too (tests/benchmarks/crons.py)
ADDONS=visit_management,visit_management_property
BENCH="$REPO_ROOT/tests/benchmarks/bench.py"
mkdir -p "$OUT_DIR"

holds_data() {
    [ "$(psql -qtA -d "$1" -c "SELECT 1 FROM ir_config_parameter WHERE key = 'visit_bench.size'" 2>/dev/null)" = 1 ]
}

results=()
for size in $SIZES; do
    db="${PREFIX}_$size"
    if [ "${BENCH_KEEP:-}" = 1 ] && holds_data "$db"; then
        say "Reusing '$db': updating $ADDONS"
        odoo_bin -d "$db" -u "$ADDONS" --stop-after-init --log-level=warn \
            || die "the update of $db failed"
    else
        say "Creating '$db' with $ADDONS (no demo data)"
        dropdb --if-exists --force "$db"
        odoo_bin -d "$db" -i "$ADDONS" --stop-after-init --log-level=warn \
            || die "the install into $db failed"
        say "Generating the $size data set"
        SECONDS=0
        "$VENV/bin/python" "$BENCH" generate -c "$ODOO_CONF" -d "$db" --size "$size"
        # FULL: the generator's UPDATEs (stored dates, review deadlines, teams)
        # leave a dead copy of each row they touch; a live database's tables hold
        # few, and a scan over twice the table would time the copies
        vacuumdb --quiet --full --analyze -d "$db" -t res_partner -t visit_report \
            -t visit_plan -t visit_plan_line -t visit_frequency_rule -t res_users \
            -t property_unit -t property_complaint -t property_repair_request \
            -t property_resident_callback -t visit_reception -t mail_activity
        "$VENV/bin/python" "$BENCH" check -c "$ODOO_CONF" -d "$db" --size "$size" \
            || die "the generated data differ from what the ORM computes"
        echo "Generated, vacuumed, analysed and checked in ${SECONDS} s"
    fi
    say "Measuring '$db'"
    SECONDS=0
    "$VENV/bin/python" "$BENCH" measure -c "$ODOO_CONF" -d "$db" --size "$size" \
        --out "$OUT_DIR/$size.json"
    echo "Measured in ${SECONDS} s"
    results+=("$OUT_DIR/$size.json")
done

say "Route optimisation"
"$VENV/bin/python" "$REPO_ROOT/tests/benchmarks/route_bench.py"

say "Results"
exec "$VENV/bin/python" "$BENCH" summary "${results[@]}"
