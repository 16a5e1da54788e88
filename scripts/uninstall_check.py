# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The uninstall check of `make test`, on a scratch database that holds only
`base` with demo data (scripts/test.sh makes it):

    uninstall_check.py -c var/odoo.conf -d DB --logfile var/uninstall-check.log

installs the addons' dependencies, counts the rows of every table, installs the
three addons (with their demo data), uninstalls them in reverse order of
dependency, checks that nothing of them is left, then installs them again.
Any error logged on the way, or anything left, is printed and makes it exit 1."""

import argparse
import logging
import re
import sys
import threading
import time

import odoo
from odoo.models import MAGIC_COLUMNS
from odoo.modules.registry import Registry
from odoo.tools import SQL, config, sql

ADDONS = (
    "visit_management",
    "visit_management_property",
    "visit_management_sale",
    "visit_management_sale_stock",
    "visit_management_repair",
    "visit_management_dashboard",
)
# Tables whose rows come and go whatever the addons do: bus notifications, the
# registry's signals, the autovacuum's triggers.
CHURN = {"bus_bus", "orm_signaling_registry", "ir_cron_trigger"}
OURS = re.compile(r"visit_management|visit\.[a-z]|property\.[a-z]")


class LoggedProblems(logging.Handler):
    """Collects the errors logged, and the warnings about our addons."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines = []

    def emit(self, record):
        message = record.getMessage()
        if record.levelno >= logging.ERROR or OURS.search(message):
            first_line = message.splitlines()[0] if message else ""
            self.lines.append(f"{record.levelname} {record.name}: {first_line}")


def log(message):
    print(f"    {message}", flush=True)


def modules(env, names=ADDONS):
    return env["ir.module.module"].search([("name", "in", names)])


def row_counts(cr):
    cr.execute(
        "SELECT relname FROM pg_class"
        " WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
    )
    tables = sorted(name for (name,) in cr.fetchall())
    cr.execute(
        SQL(" UNION ALL ").join(
            SQL("SELECT %s, count(*) FROM %s", table, SQL.identifier(table))
            for table in tables
        )
    )
    return dict(cr.fetchall())


def schema_of_addons(env):
    """The models the addons define, their tables (and SQL views) and the
    columns they add to other models' tables."""
    model_names = {
        name for name, model in env.items() if model._original_module in ADDONS
    }
    tables = {env[name]._table for name in model_names if not env[name]._abstract}
    tables |= set(
        env["ir.model.relation"].search([("module.name", "in", ADDONS)]).mapped("name")
    )
    field_ids = env["ir.model.data"].search(
        [("module", "in", ADDONS), ("model", "=", "ir.model.fields")]
    )
    columns = {
        (env[field.model]._table, field.name)
        for field in env["ir.model.fields"].browse(field_ids.mapped("res_id"))
        if field.store
        and field.name not in MAGIC_COLUMNS
        and field.ttype not in ("one2many", "many2many")
        and field.model not in model_names
        # not a field of another module's that the addons extend (selection_add)
        and set(env[field.model]._fields[field.name]._modules) <= set(ADDONS)
    }
    return model_names, tables, columns


def leftovers(env, before, schema):
    """What the addons left, as lines to print."""
    cr = env.cr
    model_names, tables, columns = schema
    found = [
        f"xml id {d.module}.{d.name} ({d.model} {d.res_id})"
        for d in env["ir.model.data"].search([("module", "in", ADDONS)])
    ]
    found += [
        f"model {model.model}"
        for model in env["ir.model"].search([("model", "in", list(model_names))])
    ]
    found += [
        f"table or view {table}"
        for table in sorted(tables)
        if sql.table_kind(cr, table) is not None
    ]
    found += [
        f"column {table}.{column}"
        for table, column in sorted(columns)
        if sql.column_exists(cr, table, column)
    ]
    cr.execute(
        "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
        " AND proname LIKE 'visit\\_%' ORDER BY proname"
    )
    found += [f"function {name}" for (name,) in cr.fetchall()]
    after = row_counts(cr)
    found += [
        f"{after[table] - count} more rows in {table} than before the install"
        for table, count in sorted(before.items())
        if table not in CHURN and after.get(table, 0) > count
    ]
    return found


def step(problems, title, action):
    """Runs an action, returns the errors it logged, and says how it went."""
    start = time.perf_counter()
    problems.lines.clear()
    action()
    logged = list(problems.lines)
    status = f"{len(logged)} problem(s) logged" if logged else "no error logged"
    log(f"{title}: {time.perf_counter() - start:.0f} s, {status}")
    return [f"{title}: {line}" for line in logged]


def check(env, problems):
    found = step(
        problems,
        "dependencies installed",
        lambda: modules(env).upstream_dependencies().button_immediate_install(),
    )
    before = row_counts(env.cr)
    found += step(
        problems,
        f"{', '.join(ADDONS)} installed with demo data",
        lambda: modules(env).button_immediate_install(),
    )
    demo = env["ir.model.data"].search_count(
        [("module", "in", ADDONS), ("name", "=like", "demo\\_%")]
    )
    if not demo:
        found.append("the install loaded no generated demo data")
    schema = schema_of_addons(env)
    for name in reversed(ADDONS):
        found += step(
            problems,
            f"{name} uninstalled",
            lambda name=name: modules(env, [name]).button_immediate_uninstall(),
        )
    left = leftovers(env, before, schema)
    log(
        f"{f'{len(left)} thing(s)' if left else 'nothing'} left by the uninstall "
        f"(checked: the addons' xml ids, their {len(schema[0])} models, "
        f"{len(schema[1])} tables and views and {len(schema[2])} columns in other "
        f"tables; the row counts of {len(before)} tables against before the install)"
    )
    found += [f"left after the uninstall: {line}" for line in left]
    found += step(
        problems, "installed again", lambda: modules(env).button_immediate_install()
    )
    not_installed = modules(env).filtered(lambda m: m.state != "installed")
    found += [f"{m.name} is not installed again" for m in not_installed]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--logfile", required=True)
    args = parser.parse_args()
    config.parse_config(
        ["-c", args.config, "-d", args.database, "--logfile", args.logfile],
        setup_logging=True,
    )
    threading.current_thread().dbname = args.database
    problems = LoggedProblems()
    logging.getLogger().addHandler(problems)
    with Registry(args.database).cursor() as cr:
        found = check(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), problems)
    for line in found:
        print(f"    FOUND: {line}", flush=True)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
