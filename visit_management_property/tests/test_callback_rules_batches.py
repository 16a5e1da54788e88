# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from contextlib import contextmanager
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase

from .common import PropertyCommon


@freeze_time("2026-11-20 04:00:00")
class TestRuleQueries(PropertyCommon):
    """The rules work on whole batches of estates: the number of queries does not
    grow with the number of estates, households or callbacks."""

    def _estates(self, count, households, **resident_values):
        Estate = self.env["property.estate"]
        estates = Estate
        for _i in range(count):
            estate = Estate.create(
                {
                    "name": f"Batch Estate {Estate.search_count([])}",
                    "manager_id": self.office_manager.id,
                }
            )
            building = self.env["property.building"].create(
                {"name": "B", "estate_id": estate.id}
            )
            self._households(building, households, **resident_values)
            estates |= estate
        return estates

    def _queries(self, method, estates, *args):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        created = method(*args, estates)
        self.env.flush_all()
        self.assertTrue(created)
        return self.env.cr.sql_log_count - before

    def test_move_in_queries(self):
        rules = self.env["property.callback.rules"]
        moved = {"resident_move_in_date": date(2026, 11, 2)}
        self.company.property_mass_move_in_threshold = 100
        self._queries(rules._move_in_callbacks, self._estates(1, 2, **moved))
        small = self._queries(rules._move_in_callbacks, self._estates(1, 2, **moved))
        large = self._queries(rules._move_in_callbacks, self._estates(3, 8, **moved))
        self.assertEqual(small, large)
        # mass move-ins: a draw per estate, still the same queries
        self.company.property_mass_move_in_threshold = 1
        self._queries(rules._move_in_callbacks, self._estates(1, 2, **moved))
        small = self._queries(rules._move_in_callbacks, self._estates(1, 3, **moved))
        large = self._queries(rules._move_in_callbacks, self._estates(3, 9, **moved))
        self.assertEqual(small, large)

    def test_routine_queries(self):
        rules = self.env["property.callback.rules"]
        self._queries(rules._routine_callbacks, self._estates(1, 3))
        small = self._queries(rules._routine_callbacks, self._estates(1, 3))
        large = self._queries(rules._routine_callbacks, self._estates(3, 20))
        self.assertEqual(small, large)

    def test_festival_queries(self):
        rules = self.env["property.callback.rules"]
        festival = self.env["property.festival"].create(
            {"name": "Double Ninth", "date": date(2026, 11, 25)}
        )
        care = {"resident_disabled": True}
        self._queries(rules._festival_visits, self._estates(1, 2, **care), festival)
        small = self._queries(
            rules._festival_visits, self._estates(1, 2, **care), festival
        )
        large = self._queries(
            rules._festival_visits, self._estates(3, 10, **care), festival
        )
        self.assertEqual(small, large)

    def test_origin_queries(self):
        rules = self.env["property.callback.rules"]

        def resolved(count):
            complaints = self.env["property.complaint"].create(
                [
                    {
                        "resident_id": self.owner.id,
                        "description": "Rude guard",
                        "caused_by_management": True,
                        "resolution": "Apologised",
                    }
                    for _i in range(count)
                ]
            )
            complaints.sudo().write(
                {"state": "resolved", "resolved_datetime": "2026-11-20 03:00:00"}
            )
            return complaints

        self._queries(rules._origin_callbacks, resolved(2))
        self.assertEqual(
            self._queries(rules._origin_callbacks, resolved(2)),
            self._queries(rules._origin_callbacks, resolved(12)),
        )

    def test_new_rows_are_written_once(self):
        """The callbacks, their draws and their callers' activities are inserted
        with every column they store: none of the new rows is updated after its
        insert (thousands a run, as many statements again). Their caller reads
        the callbacks' names in the caller's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "visit_management_property")]
        )._update_translations(["zh_CN"], overwrite=True)
        self.office_manager.write({"tz": "Asia/Shanghai", "lang": "zh_CN"})
        self.company.property_mass_move_in_threshold = 1
        estates = self._estates(2, 3, resident_move_in_date=date(2026, 11, 2))
        queries = []
        with contextmanager(self._patchExecute)(queries):
            callbacks = self.env["property.callback.rules"]._move_in_callbacks(estates)
        updated = {
            match[1]
            for query in queries
            if (match := re.match(r'\s*UPDATE "(\w+)"', query))
        }
        self.assertFalse(
            updated
            & {
                "property_resident_callback",
                "property_callback_sample",
                "mail_activity",
            }
        )
        self.assertEqual(len(callbacks), 4)  # 60% of 3 households, twice
        self.assertEqual(callbacks.mapped("attempt_count"), [0] * 4)
        self.assertFalse(any(callbacks.mapped("done_date")))
        activities = callbacks.activity_ids
        self.assertEqual(len(activities), 4)
        names = activities.mapped("res_name")
        self.assertEqual(
            names, callbacks.with_context(lang="zh_CN").mapped("display_name")
        )
        self.assertEqual(activities.mapped("summary"), names)
        self.assertNotEqual(
            names, callbacks.with_context(lang="en_US").mapped("display_name")
        )
        self.assertEqual(set(activities.mapped("user_tz")), {"Asia/Shanghai"})
        samples = self.env["property.callback.sample"].search(
            [("estate_id", "in", estates.ids)]
        )
        self.assertEqual(samples.mapped("candidate_count"), [3, 3])
        self.assertEqual(samples.mapped("selected_count"), [2, 2])

    def test_the_rules_callbacks_hold_what_odoo_computes(self):
        """The rules give their new callbacks' precomputed fields for the whole
        batch, making no new record per callback: each holds what Odoo computes
        for it (the maintenance supervisor calls back a repair, the office
        manager a move-in)."""
        Callback = type(self.env["property.resident.callback"])
        made = []
        original_new = Callback.new

        def new(records, *args, **kwargs):
            made.append(records._name)
            return original_new(records, *args, **kwargs)

        estates = self._estates(2, 2, resident_move_in_date=date(2026, 11, 2))
        estates[0].repair_supervisor_id = self.supervisor
        repair = self._create_repair(technician_id=self.supervisor.id)
        repair.action_assign()
        with patch.object(Callback, "new", new):
            callbacks = self.env["property.callback.rules"]._move_in_callbacks(estates)
            repair.action_done()
        self.assertFalse(made, "no new record per callback")
        callbacks |= repair.callback_ids
        self.assertEqual(len(callbacks), 5)
        self.assertEqual(
            [callback.user_id for callback in callbacks],
            [self.office_manager] * 4 + [self.supervisor],
        )
        given = ["company_id", "method", "user_id", "attempt_count", "done_date"]
        held = callbacks.read([*given, "on_time"])
        for name in [*given, "on_time"]:
            self.env.add_to_compute(callbacks._fields[name], callbacks)
        callbacks.flush_recordset()
        callbacks.invalidate_recordset()
        self.assertEqual(callbacks.read([*given, "on_time"]), held)


class TestRuleWorkers(TransactionCase):
    """Two workers on the same estates at the same time (a user's festival
    wizard while the scheduled action runs, two cron threads): the second skips
    the estates the first holds, so each household is called back once."""

    def test_second_worker_skips_the_estates_the_first_holds(self):
        with self.registry.cursor() as setup_cr:
            env = api.Environment(setup_cr, SUPERUSER_ID, {})
            estate = env["property.estate"].create({"name": "Contended Estate"})
            unit = env["property.unit"].create({"estate_id": estate.id, "name": "1"})
            env["res.partner"].create(
                {
                    "name": "Contended Owner",
                    "resident_unit_id": unit.id,
                    "resident_role": "owner",
                }
            )
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                first, second = (
                    api.Environment(cr, SUPERUSER_ID, {})["property.callback.rules"]
                    for cr in (cr1, cr2)
                )
                # the first worker is in the middle of its batch
                first.env["property.estate"].browse(estate.id).try_lock_for_update()
                created = []
                second._run_by_estate(
                    lambda estates: created.append(second._routine_callbacks(estates)),
                    [("id", "=", estate.id)],
                )
                self.assertFalse(created, "the first worker holds the estate")
                self.assertFalse(
                    second.env["property.resident.callback"].search_count(
                        [("estate_id", "=", estate.id)]
                    )
                )
                cr1.rollback()
        finally:
            with self.registry.cursor() as cleanup_cr:
                env = api.Environment(cleanup_cr, SUPERUSER_ID, {})
                env["property.estate"].browse(estate.id).unit_ids.resident_ids.unlink()
                env["property.estate"].browse(estate.id).unlink()
