# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model
    def _visit_schedule(
        self, records, activity_type_xmlid, user_of, summary_of, document_of=None
    ):
        """Schedules one activity per record in one batch: for `user_of(record)`,
        with `summary_of(record, env)` in that user's language, on the record or
        on `document_of(record)` when the record has no chatter."""
        activity_type = self.env.ref(activity_type_xmlid)
        today = fields.Date.context_today(self)
        document_of = document_of or (lambda record: record)
        model_id = self.env["ir.model"]._get_id(document_of(records)._name)
        # no e-mail per activity: reps see them in their activities
        return (
            self.sudo()
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": document_of(record).id,
                        "activity_type_id": activity_type.id,
                        "user_id": user_of(record).id,
                        "summary": summary_of(
                            record, self.with_context(lang=user_of(record).lang).env
                        ),
                        "date_deadline": today,
                    }
                    for record in records
                ]
            )
        )

    @api.model
    def _visit_post_lists(self, activity_type_xmlid, records_by_user, summary_of):
        """One to-do per user (not tied to a record) listing records as links: the
        user's open to-do of that type grows, so a user never gets a second one.
        `records_by_user` maps users to lists of records of any model;
        `summary_of(env)` gives the summary in the user's language."""
        records_by_user = {
            user: items for user, items in records_by_user.items() if user
        }
        if not records_by_user:
            return self.browse()
        activity_type = self.env.ref(activity_type_xmlid)
        users = self.env["res.users"].union(*records_by_user)
        open_lists = {
            activity.user_id: activity
            for activity in self.sudo().search(
                [
                    ("activity_type_id", "=", activity_type.id),
                    ("user_id", "in", users.ids),
                    ("res_model", "=", False),
                ]
            )
        }
        to_create = []
        for user, records in records_by_user.items():
            items = Markup("<ul>%s</ul>") % Markup().join(
                Markup('<li><a href="/odoo/%s/%s">%s</a></li>')
                % (record._name, record.id, record.display_name)
                for record in records
            )
            if user in open_lists:
                open_lists[user].note = (open_lists[user].note or Markup()) + items
                continue
            to_create.append(
                {
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "summary": summary_of(self.with_context(lang=user.lang).env),
                    "note": items,
                    "date_deadline": fields.Date.context_today(self),
                }
            )
        return (
            self.sudo().with_context(mail_activity_quick_update=True).create(to_create)
        )
