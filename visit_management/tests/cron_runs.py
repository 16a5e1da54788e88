# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Running scheduled actions in tests the way the scheduler does."""

from contextlib import ExitStack, contextmanager
from unittest.mock import patch

from odoo import sql_db

from odoo.addons.base.models import ir_cron

from .spies import spy


class CronRunsMixin:
    """For TransactionCase classes: run a scheduled action by its xml id, cut
    it after its first batch, count its queries and its batches."""

    # the addon of the scheduled actions named without one
    _cron_module = "visit_management"

    def _run_cron(self, xmlid):
        """Runs a scheduled action the way the scheduler does, in its own (test)
        transaction, committing between batches."""
        if "." not in xmlid:
            xmlid = f"{self._cron_module}.{xmlid}"
        with self.enter_registry_test_mode():
            self.env.ref(xmlid).method_direct_trigger()
        self.env.invalidate_all()

    def _cron_queries(self, xmlid):
        """The queries of one run of the scheduled action (the scheduler's own
        are the same for every run)."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._run_cron(xmlid)
        return self.env.cr.sql_log_count - before

    def _cron_executions(self, xmlid):
        """The SQL statements of one run of the scheduled action, with their
        parameters: [(code, params)]."""
        Cursor = sql_db.Cursor
        with patch.object(
            Cursor, "execute", autospec=True, side_effect=Cursor.execute
        ) as execute:
            self._run_cron(xmlid)
        executions = []
        for call in execute.call_args_list:
            query = call.args[1]
            params = call.args[2] if len(call.args) > 2 else call.kwargs.get("params")
            if hasattr(query, "code"):
                query, params = query.code, query.params
            executions.append((query.lstrip(), params))
        return executions

    def _cron_statements(self, xmlid):
        """The SQL statements of one run of the scheduled action."""
        return [code for code, _params in self._cron_executions(xmlid)]

    def _cron_updates(self, xmlid, *tables):
        """The UPDATE statements on these tables of one run of the scheduled action
        (PostgreSQL checks every foreign key of a row again when the
        transaction that inserted it updates it)."""
        return [
            statement
            for statement in self._cron_statements(xmlid)
            if statement.startswith(tuple(f'UPDATE "{table}"' for table in tables))
        ]

    def _cron_batches(self, xmlid):
        """How many batches one run of the scheduled action committed."""
        with spy(self.env["ir.cron"], "_commit_progress") as commit_progress:
            self._run_cron(xmlid)
        # commits without records processed (the run lock's, before the work)
        # are not batches
        return sum(1 for call in commit_progress.call_args_list if any(call.args[1:]))

    @contextmanager
    def _cut_after_one_batch(self, *batch_sizes):
        """Batches of one record, and the scheduler's time is up after the
        first: a run does one batch and leaves the rest to the next run.
        `batch_sizes` are (module, constant name) pairs."""
        with ExitStack() as stack:
            for module, name in batch_sizes:
                stack.enter_context(patch.object(module, name, 1))
            stack.enter_context(patch.object(ir_cron, "MIN_RUNS_PER_JOB", 1))
            stack.enter_context(patch.object(ir_cron, "MIN_TIME_PER_JOB", 0))
            yield
