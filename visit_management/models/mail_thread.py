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
