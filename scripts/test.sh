#!/usr/bin/env bash
# `make test`: set-up if missing, lint (pre-commit), fresh test database with the addons (no demo data),
# a clean install log, then pytest (pytest-odoo) over the addons' tests and tests/, then
# the uninstall check (scripts/uninstall_check.py) on a scratch database with demo data.
#   AT="2028-02-29 20:30:00"  runs the install and pytest on a clock shifted to that
#                             moment (UTC): see scripts/shifted_clock.sh. The lint, the
#                             coverage, the browser tours and the uninstall check run
#                             on the real clock only.
if [ -n "${AT:-}" ] && [ -z "${VISIT_SHIFTED_CLOCK:-}" ]; then
    exec bash "$(dirname "$0")/shifted_clock.sh" "$AT" bash "$0" "$@"
fi
source "$(dirname "$0")/bootstrap.sh"
ensure_chromium
ensure_pandoc

TEST_DB=${TEST_DB:-visit_test}
INSTALL_LOG="$VAR_DIR/install${VISIT_SHIFTED_CLOCK:+-shifted}.log"

cd "$REPO_ROOT"
if [ -z "${VISIT_SHIFTED_CLOCK:-}" ]; then
    say "Lint: OCA's pre-commit set (.pre-commit-config.yaml: odoo-pre-commit-hooks, readme, prettier, eslint, ruff, pylint-odoo...)"
    "$VENV/bin/pre-commit" run --all-files --show-diff-on-failure \
        || die "pre-commit found the problems above (its fixes are in your tree: review and commit them)"
fi

say "Creating the test database '$TEST_DB' with $ADDONS (no demo data)"
dropdb --if-exists --force "$TEST_DB"
odoo_bin -d "$TEST_DB" -i "$ADDONS" --stop-after-init --log-level=info --logfile="$INSTALL_LOG" \
    || die "the install failed: see $INSTALL_LOG"
# Any warning or error in the install log fails the run, whoever logs it (checklog-odoo.cfg).
"$VENV/bin/checklog-odoo" --config "$REPO_ROOT/checklog-odoo.cfg" "$INSTALL_LOG" \
    || die "the install log holds the warnings or errors above (full log: $INSTALL_LOG)"
echo "Install log clean: $INSTALL_LOG"
odoo_cli shell -c "$ODOO_CONF" -d "$TEST_DB" --no-http --log-level=warn \
    < "$REPO_ROOT/scripts/build_assets.py" || die "could not build the asset bundles"

if [ -z "${VISIT_SHIFTED_CLOCK:-}" ]; then
    say "pytest (pytest-odoo) over the addons' tests and tests/"
    SCOPE=(--cov=visit_management --cov=visit_management_property --cov=visit_management_sale
           --cov=visit_management_sale_stock --cov=visit_management_repair
           --cov=visit_management_dashboard
           --cov-report=term-missing --cov-fail-under=90)
else
    # The browser tours take most of the suite's time and go through the same rules
    # as the tests without a browser: on the shifted clock, those tests only, without
    # coverage (measured on the real clock), so that CI stays within its time.
    say "pytest (pytest-odoo) over the addons' tests and tests/, the browser tours left out"
    SCOPE=(--ignore-glob='*_tour.py' --ignore-glob='*_tours.py')
fi
# not exec: under the shifted clock, bootstrap.sh stops its cluster when this script ends
"$VENV/bin/pytest" --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" --odoo-http "${SCOPE[@]}" \
    visit_management visit_management_property visit_management_sale visit_management_sale_stock \
    visit_management_repair visit_management_dashboard tests "$@"

if [ -n "${VISIT_SHIFTED_CLOCK:-}" ]; then
    echo "Shifted clock: the lint, the browser tours, the coverage and the uninstall check ran on the real clock only."
    exit 0
fi
CHECK_DB=${UNINSTALL_CHECK_DB:-visit_uninst_check}
CHECK_LOG="$VAR_DIR/uninstall-check.log"
say "Uninstall check on a scratch database '$CHECK_DB': the addons with demo data, uninstalled in reverse order, installed again"
dropdb --if-exists --force "$CHECK_DB"
rm -f "$CHECK_LOG"
odoo_bin -d "$CHECK_DB" -i base --with-demo --stop-after-init --logfile="$CHECK_LOG" \
    || die "could not create '$CHECK_DB' (see $CHECK_LOG)"
"$VENV/bin/python" "$REPO_ROOT/scripts/uninstall_check.py" -c "$ODOO_CONF" -d "$CHECK_DB" --logfile="$CHECK_LOG" \
    || die "the uninstall check found the problems above (full log: $CHECK_LOG; database '$CHECK_DB' kept)"
dropdb --force "$CHECK_DB"
echo "Uninstall check passed: no error logged, nothing left, installed again (log: $CHECK_LOG)"
