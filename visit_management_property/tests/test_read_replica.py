# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.visit_management.tests.read_only_cursor import ReadOnlyCursorMixin

from .common import PropertyCommon

# The property office's lists and analyses.
OFFICE_SCREENS = (
    "visit_management_property.res_partner_action_residents",
    "visit_management_property.property_unit_action",
    "visit_management_property.property_complaint_action",
    "visit_management_property.property_repair_request_action",
    "visit_management_property.property_resident_callback_action",
    "visit_management_property.property_callback_analysis_action",
    "visit_management_property.property_callback_assessment_action",
)


@tagged("post_install", "-at_install")
class TestPropertyReadPathsOnReplica(ReadOnlyCursorMixin, HttpCase, PropertyCommon):
    """The office's lists, its overview and the callback analyses are served on
    a read-only cursor (a PostgreSQL replica with Odoo's db_replica_host)."""

    def test_the_offices_screens_read_on_a_replica(self):
        self.authenticate("prop_office_manager", "prop_office_manager")
        for action in OFFICE_SCREENS:
            with self.subTest(action=action):
                self.assertServedReadOnly(self._open_screen(action))
        self.assertServedReadOnly(
            self._open_views(
                "property.office.overview",
                [[False, "form"]],
                res_id=self.office_manager.id,
            )
        )
