# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.visit_management.tests.client_fuzz import ClientFuzz

from .common import PropertyCommon


class TestPropertyClientFuzz(ClientFuzz, PropertyCommon):
    """The property office's client sends bad values to every field it may
    write and every public method of complaints, repairs, incidents and
    callbacks: each ends in a clear refusal or a clean accept."""

    def test_office_records_take_no_bad_value(self):
        self._fuzz_setup()
        user = self.office_user
        for records in (
            self._create_complaint(user) | self._create_complaint(user),
            self._create_repair(user) | self._create_repair(user),
            self._create_incident(user) | self._create_incident(user),
            self._create_callback(user) | self._create_callback(user),
        ):
            with self.subTest(model=records._name):
                record = records[0]
                self._fuzz_fields(user, record, self._fuzz_writable(user, record))
                self._fuzz_methods(user, records)
        self._assert_fuzz_clean()
        self.assertGreater(self.fuzz_cases, 1000)
