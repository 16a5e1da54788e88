# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VisitFollowUpMixin(models.AbstractModel):
    """Something agreed during a visit, with a deadline and someone to follow it
    up (`name`, `deadline`, `user_id` on the model): one activity per item, on
    its document, never twice."""

    _name = "visit.follow.up.mixin"
    _description = "Followed-up Item of a Visit"
    # the item's document (a Many2one field name) and the activity type's xmlid
    _follow_up_document = None
    _follow_up_activity_type = None

    # indexed: each activity marked done is deleted, and PostgreSQL then finds
    # the items pointing at it (a scan of the whole table without the index)
    activity_id = fields.Many2one(
        "mail.activity", readonly=True, copy=False, index="btree_not_null"
    )

    def _schedule_follow_up(self):
        """The item's activity, for whoever follows it up (else the document's
        user), unless it has one already."""
        for item in self.filtered(lambda item: not item.activity_id):
            document = item[self._follow_up_document]
            item.sudo().activity_id = document.activity_schedule(
                self._follow_up_activity_type,
                date_deadline=item.deadline,
                summary=item.name,
                user_id=(item.user_id or document.user_id).id,
            )
