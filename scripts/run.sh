#!/usr/bin/env bash
# `make run`: set-up if missing, the demo database (created once, with demo data), then Odoo.
source "$(dirname "$0")/bootstrap.sh"

RUN_DB=${RUN_DB:-visit_demo}
HTTP_PORT=${HTTP_PORT:-8069}

if psql -qtA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$RUN_DB'" | grep -q 1; then
    # The addons' code may have changed since the database was made: update them.
    UPDATE=(-u "$ADDONS")
else
    say "Creating the database '$RUN_DB' for a company in China, with $ADDONS and their demo data (once)"
    # As Odoo's database manager does for a country (the Chinese chart of accounts
    # comes with Accounting), then as Settings > Fiscal Localization does: the demo
    # company's books move from Odoo's generic demo chart (in dollars) to the
    # Chinese one, in yuan, with its demo entries.
    { odoo_cli db -c "$ODOO_CONF" init "$RUN_DB" --with-demo --country cn \
        && odoo_bin -d "$RUN_DB" -i "$ADDONS" --stop-after-init \
        && odoo_cli shell -c "$ODOO_CONF" -d "$RUN_DB" --no-http <<'PYTHON'
company = env.ref("base.main_company")
env["account.chart.template"].try_loading("cn", company, install_demo=True)
env.cr.commit()
print(f"The demo company keeps its books in {company.currency_id.name}.")
PYTHON
    } || { dropdb --if-exists "$RUN_DB"; die "the install failed (see above)."; }
    UPDATE=()
fi

say "Odoo is starting on http://localhost:$HTTP_PORT  (login: admin  password: admin)"
odoo_bin -d "$RUN_DB" "${UPDATE[@]}" --db-filter="^$RUN_DB\$" --http-interface=127.0.0.1 --http-port="$HTTP_PORT" "$@"
