# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bad input from a careless or hostile client, over RPC as the rep sends it:
a clear, translated refusal, and nothing recorded."""

import inspect
from datetime import datetime, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.service.model import call_kw

from odoo.addons.visit_management.tools.client_action import PHONE_TIME_RANGE_MS

from .reception_common import ReceptionCommon

ADDON_MODULES = "odoo.addons.visit_management"
# Odoo's public methods the addons override, keeping Odoo's arguments and checks.
ODOO_OVERRIDES = ("create", "write", "unlink", "init", "copy", "message_subscribe")
LAT, LON = 31.2304, 121.4737


class TestClientInput(ReceptionCommon):
    def _call(self, user, record, method_name, /, *args, **kwargs):
        """The dispatch of /web/dataset/call_kw, as the user."""
        model = self.env[record._name].with_user(user)
        return call_kw(model, method_name, [record.ids, *args], kwargs)

    def _assert_not_checked_in(self, report):
        report.invalidate_recordset()
        self.assertFalse(report.checkin_time)
        self.assertFalse(report.checkin_accuracy)

    def test_check_in_refuses_what_is_no_position(self):
        report = self._create_report()
        refused = [
            # arguments the method does not take
            ((LAT, LON, 10), {"distance": 1}, "does not take"),
            ((LAT, LON, 10), {"method": "qr"}, "does not take"),
            ((LAT, LON, 10, None, "extra"), {}, "does not take"),
            ((), {}, "does not take"),
            # values that are no coordinates or accuracy
            (("31.2", LON, 10), {}, "not a number"),
            ((None, LON, 10), {}, "not a number"),
            (([31.2], LON, 10), {}, "not a number"),
            (({"lat": 31.2}, LON, 10), {}, "not a number"),
            ((True, LON, 10), {}, "not a number"),
            ((LAT, LON, "abc"), {}, "not a number"),
            ((LAT, LON, float("nan")), {}, "finite"),
            ((LAT, LON, float("inf")), {}, "finite"),
            ((LAT, float("-inf"), 10), {}, "finite"),
            ((91.0, LON, 10), {}, "latitude is between -90 and 90"),
            ((LAT, 180.5, 10), {}, "longitude is between -180 and 180"),
            ((LAT, LON, -1), {}, "accuracy is between 0"),
            ((LAT, LON, 10, "noon"), {}, "not a number"),
            ((LAT, LON, 10, PHONE_TIME_RANGE_MS[1] + 1), {}, "not a time"),
        ]
        for args, kwargs, message in refused:
            with (
                self.subTest(args=args, kwargs=kwargs),
                self.assertRaisesRegex(UserError, message),
            ):
                self._call(self.rep, report, "action_check_in", *args, **kwargs)
            self._assert_not_checked_in(report)
        result = self._call(self.rep, report, "action_check_in", LAT, LON, 12.0)
        self.assertTrue(result["in_place"])
        self.assertEqual(report.checkin_accuracy, 12.0)

    def test_one_record_at_a_time(self):
        first, second = self._create_report(), self._create_report()
        both = first | second
        for method, args in (
            ("action_check_in", (LAT, LON, 10)),
            ("action_check_out", (LAT, LON, 10)),
            ("action_check_in_manual", ()),
        ):
            with (
                self.subTest(method=method),
                self.assertRaisesRegex(UserError, "one record at a time, not 2"),
            ):
                self._call(self.rep, both, method, *args)
        self._assert_not_checked_in(first)

    def test_refusal_is_translated(self):
        """In the language the web client sends in the call's context."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "visit_management")]
        )._update_translations(["zh_CN"], overwrite=True)
        self.env.registry.clear_cache()
        report = self._create_report()
        zh_cn = {"lang": "zh_CN"}
        for args, chinese in (
            ((LAT, LON, "abc"), "定位精度 'abc' 不是数字。"),
            ((LAT, LON, 10, None, 1), "传入了它不接受的参数"),
            ((95, LON, 10), "纬度应在 -90 到 90 之间"),
        ):
            with self.subTest(args=args), self.assertRaises(UserError) as caught:
                self._call(self.rep, report, "action_check_in", *args, context=zh_cn)
            self.assertIn(chinese, str(caught.exception))
        with self.assertRaisesRegex(ValidationError, "开始时间须为日期"):
            self._call(
                self.rep, report, "write", {"start_datetime": "soon"}, context=zh_cn
            )

    def test_edge_of_calendar_dates_are_refused(self):
        for start in (
            "9999-12-31 23:00:00",
            "0001-01-01 00:00:00",
            "1900-06-01 02:00:00",
            "2200-06-01 02:00:00",
            "2026-02-30 02:00:00",
        ):
            with (
                self.subTest(start=start),
                self.assertRaisesRegex(ValidationError, "Start"),
            ):
                self._create_report(start_datetime=start, end_datetime=False)
        for month in ("9999-12-01", "1990-01-01"):
            with (
                self.subTest(month=month),
                self.assertRaisesRegex(ValidationError, "must lie between"),
            ):
                self._create_plan(month=month, lines=0)

    def test_visit_date_window_is_a_company_setting(self):
        forty_days_ago = datetime(2026, 10, 14, 2, 0)
        report = self._create_report(
            start_datetime=forty_days_ago,
            end_datetime=forty_days_ago + timedelta(hours=1),
        )
        self.assertEqual(report.start_datetime, forty_days_ago)
        self.company.visit_date_past_days = 30
        with self.assertRaisesRegex(ValidationError, "2026-10-24"):
            self._create_report(start_datetime=forty_days_ago, end_datetime=False)
        self.company.visit_date_future_days = 10
        with self.assertRaisesRegex(ValidationError, "2026-12-03"):
            self._create_plan()

    def test_implausible_amounts_and_durations(self):
        plan = self._create_plan()
        line = plan.line_ids
        for values, message in (
            ({"duration": -5}, "between 0 and 24"),
            ({"duration": 25}, "between 0 and 24"),
            ({"budget_amount": 1e20}, "between 0 and"),
            ({"budget_amount": -100}, "between 0 and"),
            ({"budget_amount": float("nan")}, "between 0 and"),
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self._call(self.rep, line, "write", values)
        line.invalidate_recordset()
        self.assertEqual((line.duration, line.budget_amount), (1.0, 0.0))
        self._call(self.rep, line, "write", {"duration": 2.5, "budget_amount": 800})
        self.assertEqual((line.duration, line.budget_amount), (2.5, 800.0))

    def test_reception_length_and_pickup(self):
        with self.assertRaisesRegex(ValidationError, "7 days at most"):
            self._create_reception(stop_datetime=self.start + timedelta(days=10))
        reception = self._create_reception(
            pickup_needed=True,
            pickup_place="Hongqiao Station",
            pickup_datetime=self.start - timedelta(hours=2),
        )
        with (
            self.assertRaisesRegex(ValidationError, "before their visit ends"),
            self.env.cr.savepoint(),
        ):
            self._call(
                self.rep,
                reception,
                "write",
                {"pickup_datetime": self.stop + timedelta(days=30)},
            )
        reception.invalidate_recordset()
        self.assertEqual(reception.pickup_datetime, self.start - timedelta(hours=2))
        self.company.visit_reception_max_days = 14
        self._call(
            self.rep,
            reception,
            "write",
            {"stop_datetime": self.start + timedelta(days=10)},
        )

    def test_rep_cannot_set_a_reference(self):
        report = self._create_report()
        reference = report.name
        with self.assertRaisesRegex(UserError, "Reference"):
            self._call(self.rep, report, "write", {"name": "R-0001"})
        with self.assertRaisesRegex(UserError, "Reference"):
            self._create_report(name="R-0001")
        self.assertEqual(report.name, reference)

    def test_every_public_method_declares_its_arguments(self):
        """By allow-list: a public method of the addons' models that does not
        say what it takes is reported here, not found by a client."""
        undeclared = []
        for model in self.env.registry.values():
            for cls in type(self.env[model._name]).__mro__:
                if not cls.__module__.startswith(ADDON_MODULES):
                    continue
                for name, method in vars(cls).items():
                    if (
                        inspect.isfunction(method)
                        and not name.startswith("_")
                        and name not in ODOO_OVERRIDES
                        and not getattr(method, "client_action", False)
                    ):
                        undeclared.append(f"{model._name}.{name}")
        self.assertEqual(undeclared, [])
