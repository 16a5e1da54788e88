# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from .client_fuzz import ClientFuzz
from .reception_common import ReceptionCommon


class TestClientFuzz(ClientFuzz, ReceptionCommon):
    """A rep's client sends bad values to every field they may write and every
    public method of their plan, planned visit, report, commitment and
    reception: each ends in a clear refusal or a clean accept."""

    def test_rep_documents_take_no_bad_value(self):
        self._fuzz_setup()
        plans = self._create_plan() | self._create_plan(month=date(2027, 1, 1))
        reports = self._create_report(
            commitment_ids=[(0, 0, {"name": "Send samples", "deadline": "2026-12-15"})]
        ) | self._create_report(
            commitment_ids=[(0, 0, {"name": "Call back", "deadline": "2026-12-16"})]
        )
        receptions = self._create_reception() | self._create_reception(
            start_datetime=self.start + timedelta(days=1),
            stop_datetime=self.stop + timedelta(days=1),
        )
        for records in (
            plans,
            plans.line_ids,
            reports,
            reports.commitment_ids,
            receptions,
            receptions.visitor_ids,
        ):
            with self.subTest(model=records._name):
                record = records[0]
                self._fuzz_fields(
                    self.rep, record, self._fuzz_writable(self.rep, record)
                )
                self._fuzz_methods(self.rep, records)
        self._fuzz_wizards(reports[0], receptions[0])
        self._assert_fuzz_clean()
        self.assertGreater(self.fuzz_cases, 1000)

    def _fuzz_wizards(self, report, reception):
        """The wizards the rep and their leader fill in: the reason to return a
        report, a reception's new times, a check-in's correction."""
        report.action_check_in(31.2304, 121.4737, 10)
        report.action_submit()
        Wizard = self.env["visit.reason.wizard"]
        for user, wizard in (
            (
                self.manager,
                Wizard.with_user(self.manager)
                .with_context(active_model="visit.report", active_ids=report.ids)
                .create({"reason": "Photos missing"}),
            ),
            (
                self.rep,
                self.env["visit.reception.reschedule.wizard"]
                .with_user(self.rep)
                .create({"reception_id": reception.id, "reason": "Flight moved"}),
            ),
            (
                self.manager,
                self.env["visit.check.in.correction"]
                .with_user(self.manager)
                .create({"report_id": report.id, "reason": "Phone clock wrong"}),
            ),
        ):
            self._fuzz_fields(user, wizard, self._fuzz_wizard_fields(wizard))
            self._fuzz_methods(user, wizard | wizard.copy())
