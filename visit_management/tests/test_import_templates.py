# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import REP_GROUPS, VisitCommon
from .import_templates import ImportTemplateChecks


class TestImportTemplates(ImportTemplateChecks, VisitCommon):
    """A company leaving its spreadsheets brings its customers with Odoo's
    Import screen and the template it offers."""

    def test_customers_with_tier_position_and_key_contacts(self):
        customers = self._import_template(
            self.manager, "res.partner", "visit_customers.xlsx"
        )
        huadong = customers.filtered(lambda partner: partner.name == "华东贸易有限公司")
        self.assertEqual(len(customers.filtered("is_company")), 2)
        self.assertEqual(huadong.visit_tier, "a")
        self.assertEqual(
            (huadong.partner_latitude, huadong.partner_longitude), (31.2304, 121.4737)
        )
        self.assertEqual(huadong.country_id, self.env.ref("base.cn"))
        self.assertEqual(
            sorted(huadong.child_ids.mapped("name")), sorted(["王伟", "李娜"])
        )
        self.assertEqual(huadong.visit_key_contact_count, 2)
        self.assertTrue(huadong.next_visit_date, "its visits are due at once")

    def test_visit_history_filed_as_past_visits(self):
        self._import_template(self.manager, "res.partner", "visit_customers.xlsx")
        li_ming = new_test_user(
            self.env, "li_ming", name="李明", groups=REP_GROUPS, tz="Asia/Shanghai"
        )
        self.team.member_ids += li_ming
        self.visit_admin.tz = "Asia/Shanghai"
        onsite, phone = self._import_template(
            self.visit_admin, "visit.report", "visit_history.xlsx"
        )
        huadong = onsite.partner_id
        self.assertEqual((onsite.user_id, onsite.contact_id.name), (li_ming, "王伟"))
        self.assertEqual((onsite.state, onsite.imported), ("approved", True))
        self.assertEqual(onsite.visit_date, date(2026, 10, 12), "Shanghai's day")
        self.assertEqual(phone.visit_mode, "phone")
        self.assertEqual(huadong.last_onsite_visit_date, date(2026, 10, 12))
        self.assertEqual(huadong.last_phone_visit_date, date(2026, 11, 3))
        self.assertTrue(onsite.is_valid and phone.is_valid)
        # the history counts as visits done, not in how reports are filed
        assessment = self.env["visit.assessment"]._assess_month(date(2026, 10, 1))
        assessment = assessment.filtered(lambda a: a.user_id == li_ming)
        self.assertEqual(assessment.report_count, 0)

    def test_only_the_administrators_import_history(self):
        self._import_template(self.manager, "res.partner", "visit_customers.xlsx")
        self.manager.name = "李明"
        (draft, _phone) = self._import_template(
            self.manager, "visit.report", "visit_history.xlsx"
        )
        self.assertEqual((draft.state, draft.imported), ("draft", False))
        with self.assertRaisesRegex(UserError, "Only visits that have ended"):
            self.env["visit.report"].with_user(self.visit_admin).with_context(
                import_file=True
            ).create(
                {
                    "partner_id": draft.partner_id.id,
                    "user_id": self.rep.id,
                    "start_datetime": "2026-11-23 05:00:00",
                    "end_datetime": "2026-11-23 06:00:00",
                }
            )
