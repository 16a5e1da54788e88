# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .pdf_reports import PdfReportCase
from .test_demo import load_demo


@tagged("post_install", "-at_install")
class TestReportPdfs(PdfReportCase):
    """Every report of the addon printed to PDF from the demo company's records
    (Chinese names and addresses), by the people who print them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_demo(cls.env, "visit_management")
        team = cls.env.ref("visit_management.crm_team_shanghai_demo")
        manager = cls.env(user=team.user_id)
        cls.assessment = manager["visit.assessment"].search(
            [("team_id", "=", team.id)], order="month desc, coverage_rate", limit=1
        )
        cls.visit = manager["visit.report"].search(
            [
                ("team_id", "=", team.id),
                ("state", "=", "approved"),
                ("checkin_method", "=", "gps"),
            ],
            limit=1,
        )
        cls.reception = manager["visit.reception"].search(
            [("team_id", "=", team.id), ("state", "=", "done")], limit=1
        )
        cls.labels = manager["visit.qr.token"]._for_partners(cls.visit.partner_id)

    def test_every_report_prints(self):
        rep = self.assessment.user_id.name
        customer = self.visit.partner_id.name
        self._assert_every_report_prints(
            "visit_management",
            {
                "visit_management.visit_assessment_action_report": (
                    self.assessment,
                    None,
                    ["Indicators by Rep", rep, self.assessment.coverage_summary],
                    ["客户经理指标", rep, self.assessment.coverage_summary],
                ),
                "visit_management.visit_report_action_record": (
                    self.visit,
                    None,
                    ["Visit Record", "Check-in", customer, self.visit.name],
                    ["拜访记录单", customer, self.visit.contact_id.name],
                ),
                "visit_management.visit_reception_report_sheet": (
                    self.reception,
                    None,
                    ["Host in charge", self.reception.partner_id.name],
                    ["接待负责人", self.reception.partner_id.name],
                ),
                "visit_management.visit_qr_label_report": (
                    self.labels,
                    None,
                    ["QR check-in", "scan this code with your phone", customer],
                    [customer, self.labels.company_id.name],
                ),
            },
        )

    def test_sale_addon_has_no_report(self):
        """When it gets one, it gets its test here."""
        self.assertFalse(self._reports_of("visit_management_sale"))
