# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.visit_management.tests.pdf_reports import PdfReportCase
from odoo.addons.visit_management.tests.test_demo import load_demo


@tagged("post_install", "-at_install")
class TestPropertyReportPdfs(PdfReportCase):
    """The property office's reports printed to PDF from the demo estates, by
    the estate's office manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_demo(cls.env, "visit_management_property")
        estate = cls.env.ref("visit_management_property.property_estate_jinxiu_demo")
        office = cls.env(user=estate.manager_id)
        cls.estate = office["property.estate"].browse(estate.id)
        cls.incident = office["property.incident"].search(
            [("estate_id", "=", estate.id)], limit=1
        )
        wizard = (
            office["property.callback.record.wizard"]
            .with_context(active_model="property.estate", active_ids=estate.ids)
            .create({})
        )
        cls.callback_data = wizard.action_print()["data"]

    def test_every_report_prints(self):
        estate, manager = self.estate.name, self.estate.manager_id.name
        month = self.callback_data["month"][:7]
        self._assert_every_report_prints(
            "visit_management_property",
            {
                "visit_management_property.action_report_callback_record": (
                    self.estate,
                    self.callback_data,
                    ["Visit and Callback Record", estate, manager, month],
                    ["管理处拜访、回访记录", estate, manager, month],
                ),
                "visit_management_property.action_report_incident": (
                    self.incident,
                    None,
                    ["Incident Register Entry", self.incident.name, estate],
                    ["突发事件情况处理登记", self.incident.name, estate],
                ),
            },
        )
