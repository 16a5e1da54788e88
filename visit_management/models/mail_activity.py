# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter, defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL, split_every

from ..tools import data_record, single_run, subscribe_each

# People one transaction of the digest sends their digest to.
DIGEST_BATCH = 50
# Reminders of a kind a digest lists; the others are counted (the day of a
# festival brings an office manager hundreds of visits to make).
DIGEST_LISTED = 50
# Set in a transaction's post-commit data once it has queued the digest.
DIGEST_QUEUED = "visit_management.digest_queued"
# How long after a run's reminders the digest is due: the other scheduled
# actions due at the same time (the hourly reminders, the daily ones at their
# hour) have mostly run by then, and their reminders reach a person in one
# digest instead of one a run. The scheduler looks for due work every minute.
DIGEST_DELAY = timedelta(minutes=1)


class MailActivity(models.Model):
    """The reminders of the scheduled actions are activities created without
    Odoo's e-mail per activity; each person is then told of their new ones in
    one digest (see _cron_send_visit_digests)."""

    _inherit = "mail.activity"

    visit_digest_pending = fields.Boolean(
        readonly=True,
        copy=False,
        help="A reminder its person has not been told of yet in a digest.",
    )
    _visit_digest_pending_idx = models.Index("(user_id) WHERE visit_digest_pending")

    @api.model
    def _visit_schedule(
        self,
        records,
        activity_type_xmlid,
        user_of,
        summary_of,
        document_of=None,
        deadline_of=None,
    ):
        """Schedules one activity per record in one batch: for `user_of(record)`,
        with `summary_of(record, env)` and the name of its document in that
        user's language, on the record or on `document_of(record)` when the
        record has no chatter, due today or on `deadline_of(record)`."""
        activity_type = data_record(self.env, activity_type_xmlid)
        today = fields.Date.context_today(self)
        document_of = document_of or (lambda record: record)
        deadline_of = deadline_of or (lambda record: today)
        self._visit_read_langs([user_of(record) for record in records])
        envs = {
            lang: self.with_context(lang=lang).env
            for lang in {user_of(record).lang for record in records}
        }
        rows = []
        for record in records:
            user = user_of(record)
            env = envs[user.lang]
            document = document_of(record).with_env(env).sudo()
            rows.append(
                {
                    "res_model": document._name,
                    "res_id": document.id,
                    "res_name": document.display_name,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "summary": summary_of(record, env),
                    "date_deadline": deadline_of(record),
                }
            )
        return self._visit_insert(rows)

    @api.model
    def _visit_post_lists(self, activity_type_xmlid, records_by_user, summary_of):
        """One to-do per user (not tied to a record) listing records as links: the
        user's open to-do of that type grows, so a user never gets a second one.
        `records_by_user` maps users to lists of records of any model;
        `summary_of(env)` gives the summary in the user's language."""
        records_by_user = {
            user: items for user, items in records_by_user.items() if user
        }
        self._visit_read_langs(records_by_user)
        open_lists = self._visit_open_lists(activity_type_xmlid, records_by_user)
        to_create = {}
        appended = {}
        for user, records in records_by_user.items():
            links = self._visit_links(self._visit_link_items(records))
            if user in open_lists:
                appended[open_lists[user]] = links
            else:
                to_create[user] = links
        self._visit_append_notes(appended)
        return self._visit_create_lists(activity_type_xmlid, to_create, summary_of)

    @api.model
    def _visit_append_notes(self, links_by_list):
        """Appends links (escaped by _visit_links) to the notes of open lists
        {activity: links}, in one statement, and has the digest tell of them:
        written through the ORM, a manager's list of a thousand late reports was
        sanitized whole again each time it grew."""
        if not links_by_list:
            return self.browse()
        self.flush_model(["note", "visit_digest_pending"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE mail_activity a
                   SET note = coalesce(a.note, '') || v.links,
                       visit_digest_pending = TRUE,
                       write_uid = %s,
                       write_date = %s
                  FROM (VALUES %s) AS v(id, links)
                 WHERE a.id = v.id
                """,
                self.env.uid,
                self.env.cr.now(),
                SQL(", ").join(
                    SQL("(%s, %s)", activity.id, str(links))
                    for activity, links in links_by_list.items()
                ),
            )
        )
        grown = self.browse([activity.id for activity in links_by_list])
        grown.invalidate_recordset(
            ["note", "visit_digest_pending", "write_uid", "write_date"]
        )
        return grown._visit_queue_digest()

    @api.model
    def _visit_post_lists_by(self, activity_type_xmlid, records, user_of, summary_of):
        """The records added to the open list of `user_of(record)`, one list per
        user (see _visit_post_lists)."""
        records_by_user = defaultdict(list)
        for record in records:
            records_by_user[user_of(record)].append(record)
        return self._visit_post_lists(activity_type_xmlid, records_by_user, summary_of)

    @api.model
    def _visit_post_daily_lists(self, activity_type_xmlid, items_by_user, summary_of):
        """One to-do of the day per user (not tied to a record) listing records as
        links, rewritten when posted again the same day with other records.
        `items_by_user` maps users to (items, total): the (model, id, name) of the
        records listed and how many there are in all."""
        items_by_user = {user: items for user, items in items_by_user.items() if user}
        self._visit_read_langs(items_by_user)
        today = fields.Date.context_today(self)
        open_lists = self._visit_open_lists(
            activity_type_xmlid, items_by_user, [("date_deadline", "=", today)]
        )
        notes = {}
        rewritten = self.browse()
        for user, (items, total) in items_by_user.items():
            note = self._visit_links(items)
            if total > len(items):
                note += Markup("<p>%s</p>") % self.with_context(lang=user.lang).env._(
                    "... and %(count)s more: filter the customers on Overdue.",
                    count=total - len(items),
                )
            if user in open_lists:
                activity = open_lists[user]
                # posted again with nothing new: leave the to-do untouched
                if activity.note != note:
                    rewritten |= activity
                    activity.write({"note": note, "visit_digest_pending": True})
            else:
                notes[user] = note
        created = self._visit_create_lists(activity_type_xmlid, notes, summary_of)
        rewritten._visit_queue_digest()  # the created ones are queued
        return created

    @api.model
    def _visit_read_langs(self, users):
        """Reads the languages and timezones of these users at once, and only
        them: each user may come from a different record, and reading them one
        by one is a query per user; reading a field of a user reads all the
        columns of the user and of its partner."""
        users = self.env["res.users"].sudo().browse([user.id for user in users])
        users.fetch(["partner_id"])
        users.partner_id.fetch(["lang", "tz"])
        # the users' own (related) fields computed for them all at once, not
        # for each user its record asks for
        users.mapped("lang")
        users.mapped("tz")

    @api.model
    def _visit_open_lists(self, activity_type_xmlid, users, extra_domain=()):
        """{user: their open to-do of that type not tied to a record}."""
        return {
            activity.user_id: activity
            for activity in self.sudo().search(
                [
                    (
                        "activity_type_id",
                        "=",
                        data_record(self.env, activity_type_xmlid).id,
                    ),
                    ("user_id", "in", [user.id for user in users]),
                    ("res_model", "=", False),
                    *extra_domain,
                ]
            )
        }

    @api.model
    def _visit_link_items(self, records):
        return [(record._name, record.id, record.display_name) for record in records]

    @api.model
    def _visit_links(self, items):
        """A list of links to records given as (model, id, name); the names are
        escaped (models and ids come from the code and the database)."""
        links = "".join(
            f'<li><a href="/odoo/{model}/{int(record_id)}">{escape(name)}</a></li>'
            for model, record_id, name in items
        )
        return Markup(f"<ul>{links}</ul>")

    @api.model
    def _visit_create_lists(self, activity_type_xmlid, notes, summary_of):
        """Creates the to-dos {user: note} in one batch, without an e-mail each."""
        activity_type = data_record(self.env, activity_type_xmlid)
        today = fields.Date.context_today(self)
        # one summary a language, not one a person
        summaries = {
            lang: summary_of(self.with_context(lang=lang).env)
            for lang in {user.lang for user in notes}
        }
        return self._visit_insert(
            [
                {
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "summary": summaries[user.lang],
                    "note": note,
                    "date_deadline": today,
                }
                for user, note in notes.items()
            ]
        )

    @api.model
    def _visit_insert(self, rows):
        """Inserts the reminders `rows` (their res_model, res_id and res_name
        when on a record, activity_type_id, user_id, summary, note,
        date_deadline) in one statement, and returns them, pending in their
        people's next digest. Odoo's `create` costs a millisecond of
        Python per activity, which a festival's thousands of visits turn into
        seconds; what it does besides is done here for the whole batch: the
        defaults read once, the document model and the assignee's timezone,
        the assignees following the documents, their activity counters told.
        No e-mail per activity: the digest tells each person."""
        if not rows:
            return self.browse()
        Activity = self.sudo()
        users = self.env["res.users"].sudo().browse({row["user_id"] for row in rows})
        timezones = {user.id: user.tz for user in users}
        models = {row.get("res_model") for row in rows} - {None}
        model_ids = {model: self.env["ir.model"]._get_id(model) for model in models}
        now = self.env.cr.now()
        # what every reminder of the batch holds, given once
        common = {
            "automated": True,
            "active": True,
            "date_done": None,
            "visit_digest_pending": True,
            "create_uid": self.env.uid,
            "write_uid": self.env.uid,
            "create_date": now,
            "write_date": now,
        }
        # what each holds of its own, one array per column
        values = [
            {
                "res_model": None,
                "res_id": None,
                "res_name": None,
                **row,
                # trusted HTML (the lists of _visit_links, names escaped),
                # anything else escaped as text; not sanitized again below:
                # Odoo's sanitizer parsing each list again was a sixth of a
                # day's reception reminders
                "note": row.get("note") and str(escape(row["note"])),
                "res_model_id": model_ids.get(row.get("res_model")),
                "user_tz": timezones[row["user_id"]],
            }
            for row in rows
        ]
        # the stored fields other addons give activities: their defaults, read
        # once; their computed values, computed for the batch at the flush
        others = [
            field
            for field in Activity._fields.values()
            if field.store
            and field.column_type
            and field.name not in values[0]
            and field.name not in common
        ]
        others.remove(Activity._fields["id"])
        common.update(Activity.default_get([field.name for field in others]))

        def column(name):
            return Activity._fields[name]

        self.env.cr.execute(
            SQL(
                "INSERT INTO mail_activity (%s) SELECT u.*, %s FROM unnest(%s) AS u "
                "RETURNING id",
                SQL(", ").join(map(SQL.identifier, [*values[0], *common])),
                SQL(", ").join(
                    SQL(
                        f"%s::{column(name).column_type[0]}",
                        column(name).convert_to_column_insert(value, Activity, common),
                    )
                    for name, value in common.items()
                ),
                SQL(", ").join(
                    SQL(
                        f"%s::{column(name).column_type[0]}[]",
                        [
                            column(name).convert_to_column_insert(
                                value[name], Activity, value, validate=name != "note"
                            )
                            for value in values
                        ],
                    )
                    for name in values[0]
                ),
            )
        )
        ids = [activity_id for (activity_id,) in self.env.cr.fetchall()]
        activities = self.browse(ids)
        for field in others:
            if field.compute:
                self.env.add_to_compute(field, activities)
        for model in models:
            subscribe_each(
                self.env,
                model,
                [
                    (row["res_id"], row["user_id"])
                    for row in rows
                    if row.get("res_model") == model
                ],
            )
            # the documents' activities and followers, read again when asked
            self.env[model].invalidate_model()
        self._visit_tell_counters(values)
        return activities._visit_queue_digest()

    @api.model
    def _visit_tell_counters(self, values):
        """The activity counters of the assignees' open Odoo are told of the new
        activities due by today, as Odoo's `create` tells them."""
        today = fields.Date.today()
        due = Counter(
            value["user_id"]
            for value in values
            if fields.Date.to_date(value["date_deadline"]) <= today
        )
        for user in self.env["res.users"].browse(due):
            user._bus_send(
                "mail.activity/updated",
                {"activity_created": True, "count_diff": due[user.id]},
            )

    def _visit_queue_digest(self):
        """Has the digest sent DIGEST_DELAY after these new or grown reminders,
        queued once a transaction. A trigger in the future does not wake the
        scheduler (a trigger due now does, after the commit, on a connection of
        its own): the scheduler finds it when it next looks for work to do."""
        queued = self.env.cr.postcommit.data
        if self and DIGEST_QUEUED not in queued:
            queued[DIGEST_QUEUED] = True
            data_record(
                self.env, "visit_management.ir_cron_visit_reminder_digest"
            )._trigger(fields.Datetime.now() + DIGEST_DELAY)
        return self

    @api.model
    @single_run
    def _cron_send_visit_digests(self):
        """Tells each person of their new reminders in one message, by e-mail or
        in Odoo (with Odoo's push) as their notification setting says; nobody
        is told twice of a reminder, and those who turned the digest off in
        their preferences are told nothing."""
        pending = [("visit_digest_pending", "=", True)]
        user_ids = [
            user.id for (user,) in self.sudo()._read_group(pending, ["user_id"])
        ]
        Cron = self.env["ir.cron"]
        Cron._commit_progress(remaining=len(user_ids))
        for batch in split_every(DIGEST_BATCH, user_ids):
            activities = self.sudo().search(
                [*pending, ("user_id", "in", batch)], order="date_deadline, id"
            )
            for user, reminders in activities.grouped("user_id").items():
                if user.visit_reminder_digest:
                    reminders._visit_notify_digest(user)
            activities.visit_digest_pending = False
            if not Cron._commit_progress(len(batch)):
                break

    def _visit_notify_digest(self, user):
        """One message to `user` listing these reminders, in their language."""
        env = self.with_context(lang=user.lang).env
        groups = [
            (
                activity_type,
                reminders[:DIGEST_LISTED],
                env._(
                    "... and %(count)s more in your activities",
                    count=len(reminders) - DIGEST_LISTED,
                )
                if len(reminders) > DIGEST_LISTED
                else "",
            )
            for activity_type, reminders in self.with_env(env)
            .grouped("activity_type_id")
            .items()
        ]
        body = env["ir.qweb"]._render(
            "visit_management.visit_reminder_digest", {"groups": groups}
        )
        env["mail.thread"].message_notify(
            partner_ids=user.partner_id.ids,
            author_id=env.ref("base.partner_root").id,
            subject=env._("Visit reminders: %(count)s new", count=len(self)),
            body=body,
            email_layout_xmlid="mail.mail_notification_light",
        )
