# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ten clients send the same step at the same instant, each in a transaction
of its own: one does it, the others get the workflow's own message."""

import threading
import time
import uuid
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase
from odoo.tools import SQL

from .parallel import run_at_once

AT_ONCE = 10


class TestRaces(TransactionCase):
    def _committed(self, create):
        """Runs `create(env)` in a committed transaction of its own; returns
        what it returns."""
        with self.registry.cursor() as cr:
            return create(api.Environment(cr, SUPERUSER_ID, {}))

    def _delete(self, table_ids, models):
        """Deletes committed test data: the chatter of `models`' records
        first, then the rows, in the order given."""
        with self.registry.cursor() as cr:
            for model, ids in models:
                for table in ("mail_message", "mail_followers", "mail_activity"):
                    column = "model" if table == "mail_message" else "res_model"
                    cr.execute(
                        SQL(
                            "DELETE FROM %s WHERE %s = %s AND res_id IN %s",
                            SQL.identifier(table),
                            SQL.identifier(column),
                            model,
                            ids,
                        )
                    )
            for table, ids in table_ids:
                cr.execute(
                    SQL("DELETE FROM %s WHERE id IN %s", SQL.identifier(table), ids)
                )

    def _committed_plan(self):
        """A draft plan of the administrator, led by themselves, with one
        planned visit; returns (plan id, the rows to delete afterwards)."""

        def create(env):
            admin = env.ref("base.user_admin")
            team = env["crm.team"].create({"name": "Race Team", "user_id": admin.id})
            partner = env["res.partner"].create({"name": "Race Customer"})
            month = fields.Date.today().replace(day=1) + relativedelta(months=2)
            plan = env["visit.plan"].create(
                {
                    "user_id": admin.id,
                    "team_id": team.id,
                    "date_start": month,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": partner.id,
                                "planned_datetime": fields.Datetime.to_datetime(month)
                                + timedelta(days=3, hours=2),
                                "purpose": "relationship",
                            },
                        )
                    ],
                }
            )
            # the reviewer does not follow the plan yet: each submit makes them
            # follow it (two at once would insert the same follower twice)
            plan.message_unsubscribe(partner_ids=admin.partner_id.ids)
            return plan.id, [
                ("visit_plan_line", tuple(plan.line_ids.ids)),
                ("visit_plan", (plan.id,)),
                ("crm_team", (team.id,)),
                ("res_partner", (partner.id,)),
            ]

        return self._committed(create)

    def _submit(self, env, plan_id):
        return env["visit.plan"].browse(plan_id).action_submit()

    def test_plan_submitted_ten_times_at_once(self):
        plan_id, rows = self._committed_plan()
        try:
            outcomes, _plays, _seconds = run_at_once(
                self.registry, AT_ONCE, lambda env, _index: self._submit(env, plan_id)
            )
            refusals = [o for o in outcomes if isinstance(o, UserError)]
            self.assertEqual(outcomes.count(True), 1, outcomes)
            self.assertEqual(len(refusals), AT_ONCE - 1, outcomes)
            for refusal in refusals:
                self.assertIs(type(refusal), UserError)
                self.assertIn("Only a draft plan can be submitted", str(refusal))
            self._committed(
                lambda env: self.assertEqual(
                    env["visit.plan"].browse(plan_id).submission_count, 1
                )
            )
        finally:
            self._delete(rows, [("visit.plan", (plan_id,))])

    def test_second_submit_waits_for_the_first(self):
        """A second submit sent while the first is not committed yet waits for
        it, then is told the plan is no longer a draft (not that its leader
        cannot follow the plan twice)."""
        plan_id, rows = self._committed_plan()
        outcome = {}
        try:
            with self.registry.cursor() as first:
                self._submit(api.Environment(first, SUPERUSER_ID, {}), plan_id)
                first.flush()

                def second(env, _index):
                    if not outcome:
                        outcome["pid"] = env.cr.connection.info.backend_pid
                    return self._submit(env, plan_id)

                thread = threading.Thread(
                    target=lambda: outcome.update(
                        result=run_at_once(self.registry, 1, second)[0][0]
                    )
                )
                thread.start()
                for _i in range(200):
                    first.execute(
                        "SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted",
                        (outcome.get("pid"),),
                    )
                    if first.fetchone():
                        break
                    time.sleep(0.05)
                else:
                    self.fail("the second submit never waited for the first")
                first.commit()
                thread.join(timeout=60)
            self.assertIs(type(outcome["result"]), UserError)
            self.assertIn("Only a draft plan can be submitted", str(outcome["result"]))
        finally:
            self._delete(rows, [("visit.plan", (plan_id,))])

    def test_visit_rated_ten_times_at_once(self):
        def create(env):
            partner = env["res.partner"].create({"name": "Race Visitor Co."})
            team = env["crm.team"].create({"name": "Race Team"})
            start = fields.Datetime.now() - timedelta(days=1)
            reception = env["visit.reception"].create(
                {
                    "partner_id": partner.id,
                    "team_id": team.id,
                    "start_datetime": start,
                    "stop_datetime": start + timedelta(hours=2),
                }
            )
            reception.write({"state": "done", "done_datetime": fields.Datetime.now()})
            return reception.id, reception.feedback_token, team.id, partner.id

        reception_id, token, team_id, partner_id = self._committed(create)
        try:
            outcomes, _plays, _seconds = run_at_once(
                self.registry,
                AT_ONCE,
                lambda env, index: (
                    env["visit.reception"]
                    .browse(reception_id)
                    ._record_visitor_feedback(token, 1 + index % 5, f"Answer {index}")
                ),
            )
            self.assertEqual(outcomes.count(False), 1, outcomes)
            self.assertEqual(outcomes.count("answered"), AT_ONCE - 1, outcomes)
            kept = outcomes.index(False)

            def check(env):
                reception = env["visit.reception"].browse(reception_id)
                self.assertEqual(reception.feedback_comment, f"Answer {kept}")
                self.assertEqual(reception.satisfaction, str(1 + kept % 5))
                told = reception.message_ids.filtered(
                    lambda message: "rated the visit" in (message.body or "")
                )
                self.assertEqual(len(told), 1, "the host is told once")

            self._committed(check)
        finally:
            self._delete(
                [
                    ("visit_reception", (reception_id,)),
                    ("crm_team", (team_id,)),
                    ("res_partner", (partner_id,)),
                ],
                [("visit.reception", (reception_id,))],
            )

    def test_offline_change_synced_ten_times_at_once(self):
        """The phone sends the same commitment ten times at once (a retry over
        a weak network): it is made once, and every call gets the same answer."""
        plan_id, rows = self._committed_plan()

        def approve(env):
            plan = env["visit.plan"].browse(plan_id)
            plan.action_submit()
            plan.action_approve()
            return plan.line_ids.id, plan.user_id.id

        line_id, rep_id = self._committed(approve)
        operation = {
            "uuid": str(uuid.uuid4()),
            "kind": "commitment",
            "visit": {"plan_line_id": line_id},
            "known_state": False,
            "phone_time": int(time.time() * 1000),
            "values": {
                "name": "Send the samples",
                "deadline": fields.Date.to_string(fields.Date.today()),
            },
        }
        try:
            outcomes, _plays, _seconds = run_at_once(
                self.registry,
                AT_ONCE,
                lambda env, _index: (
                    env["visit.offline.operation"]
                    .with_user(rep_id)
                    .sync_operation(operation)
                ),
            )
            self.assertEqual(
                [outcome["state"] for outcome in outcomes],
                ["applied"] * AT_ONCE,
                outcomes[0]["message"],
            )
            self.assertEqual(len({outcome["report_id"] for outcome in outcomes}), 1)

            def check(env):
                report = env["visit.report"].search([("plan_line_id", "=", line_id)])
                self.assertEqual(len(report), 1)
                self.assertEqual(
                    report.commitment_ids.mapped("name"), ["Send the samples"]
                )

            self._committed(check)
        finally:
            with self.registry.cursor() as cr:
                cr.execute(
                    "DELETE FROM visit_offline_operation WHERE uuid = %s",
                    [operation["uuid"]],
                )
                cr.execute(
                    "SELECT id FROM visit_report WHERE plan_line_id = %s", [line_id]
                )
                report_ids = tuple(row[0] for row in cr.fetchall()) or (0,)
            # the report (its commitments with it) goes before the plan
            self._delete(
                [("visit_report", report_ids), *rows],
                [("visit.plan", (plan_id,)), ("visit.report", report_ids)],
            )
