# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import PropertyCommon


class TestEstateRobots(PropertyCommon):
    def test_an_estates_group_hears_of_its_estate_only(self):
        """Calls unanswered in the first estate: its group's robot queues the
        news, the second estate's robot does not."""
        unreachable = self.env.ref(
            "visit_management_property.mt_property_callback_unreachable"
        )
        robots = (
            self.env["visit.robot"]
            .with_user(self.visit_admin)
            .create(
                [
                    {
                        "name": estate.name,
                        "service": "wecom",
                        "webhook_url": f"https://qyapi.weixin.qq.com/{estate.id}",
                        "estate_ids": estate.ids,
                        "subtype_ids": unreachable.ids,
                    }
                    for estate in self.estate | self.estate_b
                ]
            )
        )
        callback = self._create_callback(user=self.office_user).with_user(
            self.office_user
        )
        for _call in range(3):
            callback.action_no_answer()
        self.assertEqual(callback.state, "unreachable")
        # each unanswered call is posted under the subtype
        queued = robots.sudo().message_ids
        self.assertEqual(queued.robot_id, robots[0])
        self.assertEqual(len(queued), 3)
        last = queued[0].body
        self.assertIn(callback.display_name, last)
        self.assertIn("3 of 3", last)
        self.assertIn(f"/odoo/property.resident.callback/{callback.id}", last)
