# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each scheduled action started while another run of it holds its lock, in
another transaction, stops with one line in the log and does nothing."""

import logging
import re
from contextlib import contextmanager
from datetime import timedelta

from odoo.tools import SQL

from odoo.addons.visit_management.tools import run_lock_key

from .test_visit_crons import CronCommon

LOGGER = "odoo.addons.visit_management.tools.run_lock"


class TestSingleRun(CronCommon):
    @contextmanager
    def _run_under_way(self, model_name, method_name):
        """Another transaction holds the action's lock, as a run under way
        does."""
        with self.registry.cursor() as other:
            other.execute(
                SQL(
                    "SELECT pg_try_advisory_xact_lock(%s, %s)",
                    *run_lock_key(model_name, method_name),
                )
            )
            self.assertTrue(other.fetchone()[0])
            yield
            other.rollback()

    def _scheduled_actions(self):
        """(model, method) of every scheduled action of the addons."""
        crons = (
            self.env["ir.cron"]
            .search([])
            .filtered(
                lambda cron: (cron.get_external_id()[cron.id] or "").startswith(
                    "visit_management"
                )
            )
        )
        actions = [
            (cron.model_id.model, re.fullmatch(r"model\.(\w+)\(\)", cron.code)[1])
            for cron in crons
        ]
        self.assertGreaterEqual(len(actions), 6)
        return actions

    def test_every_action_stops_when_a_run_is_under_way(self):
        for model_name, method_name in self._scheduled_actions():
            with (
                self.subTest(action=f"{model_name}.{method_name}"),
                self._run_under_way(model_name, method_name),
                self.assertLogs(LOGGER, logging.INFO) as logs,
            ):
                result = getattr(self.env[model_name], method_name)()
                self.assertIsNone(result)
                line = f"{model_name}.{method_name} is already running: this run stops."
                self.assertEqual(logs.output, [f"INFO:{LOGGER}:{line}"])

    def test_second_start_sends_no_reminder_the_first_does(self):
        now = self.env.cr.now()
        late = self._create_report(
            start_datetime=now - timedelta(hours=31),
            end_datetime=now - timedelta(hours=30),
        )
        with self._run_under_way("visit.report", "_cron_report_reminders"):
            self._run_cron("ir_cron_visit_report_reminders")
        self.assertFalse(self._activities("mail_activity_visit_report_reminder"))
        self._run_cron("ir_cron_visit_report_reminders")
        reminders = self._activities("mail_activity_visit_report_reminder", self.rep)
        self.assertEqual(reminders.mapped("res_id"), late.ids)
