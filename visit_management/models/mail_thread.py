# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        """The followers are notified; the group robots listening to the
        message's subtype hear of it too."""
        recipients = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        Robot = self.env["visit.robot"]
        if message.subtype_id.id in Robot._listened_subtype_ids():
            Robot._queue_message(self, message)
        return recipients

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Subscriptions the reminders made beforehand (the context's
        `visit_subscribed`, see tools.followers.subscribe_each) are not made
        again: Odoo's activity creation subscribes each assignee with queries of
        their own. A client's context cannot hold a frozenset."""
        subscribed = self.env.context.get("visit_subscribed")
        if (
            isinstance(subscribed, frozenset)
            and not subtype_ids
            and partner_ids
            and all(
                (self._name, record_id, partner_id) in subscribed
                for record_id in self.ids
                for partner_id in partner_ids
            )
        ):
            return True
        return super().message_subscribe(partner_ids, subtype_ids)
