# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import VisitCommon, state_board_columns


class TestStateBoards(VisitCommon):
    def test_boards_show_every_state_even_empty(self):
        """A rep's first day: the boards by state show where work goes next."""
        self._create_report()  # a draft only
        for model, states in (
            ("visit.plan", ["draft", "submitted", "approved", "rejected"]),
            ("visit.report", ["draft", "submitted", "approved", "returned"]),
            (
                "visit.new.customer.application",
                ["draft", "submitted", "confirmed", "refused"],
            ),
        ):
            with self.subTest(model=model):
                self.assertEqual(state_board_columns(self.env, model, self.rep), states)
