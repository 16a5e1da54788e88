# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the Visits app recorded on a phone without a network, applied when it
syncs: one operation per call, in the order the rep made them. Each carries
the id the phone gave it; the ledger keeps the answer, so an operation sent
twice (a lost reply, a replayed queue) is applied once and answered the same.
The server stays the judge: an operation goes through the same actions, write
guard and rules as the form's, and one that meets a report changed meanwhile
is a conflict, shown to the rep, never applied over the newer facts."""

import re
from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, html2plaintext, plaintext2html

from ..tools import client_action, to_accuracy, to_latitude, to_longitude
from ..tools.client_action import to_phone_time
from .visit_report import REPORT_TEXT_FIELDS

UUID_PATTERN = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)
OPERATION_KEYS = {
    "uuid",
    "kind",
    "visit",
    "known_state",
    "phone_time",
    "offline",
    "values",
}
# A phone time further ahead of the server's than this is refused; further
# behind, the action was recorded offline, whatever the phone says.
PHONE_CLOCK_TOLERANCE = timedelta(minutes=5)
# The report's texts the app edits, as plain text.
OFFLINE_TEXT_FIELDS = (
    *REPORT_TEXT_FIELDS,
    "checkin_outside_reason",
    "checkout_missing_reason",
)
EDITABLE_STATES = ("draft", "returned")
OPERATION_KINDS = [
    ("check_in", "Check-in"),
    ("check_out", "Check-out"),
    ("texts", "Report Texts"),
    ("commitment", "Commitment"),
    ("photo", "Photo"),
    ("submit", "Submission"),
]


def plain_text(value):
    """A report text as the app shows it, whitespace folded for comparing."""
    return " ".join(html2plaintext(value or "").split())


def to_offline_operation(env, value):
    """An operation as the app queues it: its id, its kind, the visit (planned
    visit or report), the report's state the phone knew, the phone's time in
    milliseconds and the kind's values."""
    if not isinstance(value, dict) or set(value) - OPERATION_KEYS:
        raise ValidationError(
            env._(
                "An offline change has the keys %(keys)s.", keys=sorted(OPERATION_KEYS)
            )
        )
    uuid = value.get("uuid")
    if not isinstance(uuid, str) or not UUID_PATTERN.match(uuid):
        raise ValidationError(env._("An offline change needs its phone's id."))
    if value.get("kind") not in dict(OPERATION_KINDS):
        raise ValidationError(
            env._("%(kind)r is not a change the app makes.", kind=value.get("kind"))
        )
    visit = value.get("visit")
    if (
        not isinstance(visit, dict)
        or len(visit) != 1
        or not set(visit) <= {"plan_line_id", "report_id"}
        or not isinstance(next(iter(visit.values())), int)
        or isinstance(next(iter(visit.values())), bool)
    ):
        raise ValidationError(
            env._("An offline change names its planned visit or its report.")
        )
    if value.get("known_state") not in (None, False, *EDITABLE_STATES):
        raise ValidationError(
            env._("%(state)r is not a report state.", state=value["known_state"])
        )
    if not isinstance(value.get("offline", False), bool):
        raise ValidationError(env._("Offline is true or false."))
    phone_time = to_phone_time(env, value.get("phone_time"))
    if phone_time is None:
        raise ValidationError(env._("An offline change needs the phone's time."))
    values = value.get("values") or {}
    if not isinstance(values, dict):
        raise ValidationError(env._("An offline change's values are a dictionary."))
    moment = datetime.fromtimestamp(phone_time / 1000, pytz.utc).replace(tzinfo=None)
    return {**value, "phone_time": moment, "phone_ms": phone_time, "values": values}


class VisitOfflineOperation(models.Model):
    _name = "visit.offline.operation"
    _description = "Offline Change Synced by the Visits App"
    _order = "id desc"

    uuid = fields.Char(string="Phone's Id", required=True, readonly=True)
    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    kind = fields.Selection(selection=OPERATION_KINDS, required=True, readonly=True)
    report_id = fields.Many2one("visit.report", readonly=True, index="btree_not_null")
    phone_time = fields.Datetime(readonly=True)
    state = fields.Selection(
        selection=[
            ("pending", "Being Applied"),
            ("applied", "Applied"),
            ("conflict", "Conflict"),
            ("refused", "Refused"),
        ],
        required=True,
        readonly=True,
    )
    message = fields.Text(readonly=True)
    server_values = fields.Json(
        readonly=True, help="The server's texts a conflicting change met."
    )

    _uuid_uniq = models.Constraint("UNIQUE(uuid)", "An offline change is synced once.")

    # ------------------------------------------------------------------
    # Sync
    # ------------------------------------------------------------------
    @api.model
    @client_action(operation=to_offline_operation)
    def sync_operation(self, operation):
        """Applies one change the app recorded, once; the answer says whether
        it was applied, met a conflict or was refused, and why."""
        # the ledger is written below the ORM: only visit users sync
        self.check_access("read")
        entry, fresh = self._claim(operation)
        if not fresh:
            return entry._answer()
        server_values = {}
        report = self.env["visit.report"]
        try:
            with self.env.cr.savepoint():
                report = self._operation_report(operation)
                self._check_current(report, operation)
                getattr(self, f"_apply_{operation['kind']}")(report, operation)
            state, message = "applied", False
        except OfflineConflict as conflict:
            state, message = "conflict", conflict.args[0]
            server_values = conflict.server_values
        except (UserError, ValidationError, AccessError) as error:
            state, message = "refused", error.args[0]
        entry.write(
            {
                "state": state,
                "message": message,
                "server_values": server_values,
                "report_id": report.exists().id,
            }
        )
        return entry._answer()

    def _claim(self, operation):
        """The ledger's entry for this change: a new one, or the one of the
        same change synced before. Two syncs of the same change at once: the
        second waits for the first and, its snapshot being older, is retried by
        Odoo (serialization failure), then finds the first's answer."""
        now = self.env.cr.now()
        user = self.env.user
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO visit_offline_operation
                    (uuid, user_id, company_id, kind, phone_time, state,
                     create_uid, create_date, write_uid, write_date)
                VALUES (%s, %s, %s, %s, %s, 'pending', %s, %s, %s, %s)
                ON CONFLICT (uuid) DO NOTHING
                RETURNING id
                """,
                operation["uuid"],
                user.id,
                self.env.company.id,
                operation["kind"],
                operation["phone_time"],
                user.id,
                now,
                user.id,
                now,
            )
        )
        row = self.env.cr.fetchone()
        if row:
            return self.sudo().browse(row[0]), True
        entry = self.sudo().search([("uuid", "=", operation["uuid"])])
        if entry.user_id != user:
            raise UserError(self.env._("This change was synced by another user."))
        return entry, False

    def _answer(self):
        self.ensure_one()
        return {
            "uuid": self.uuid,
            "state": self.state,
            "message": self.message or "",
            "server_values": self.server_values or {},
            "report_id": self.report_id.id,
        }

    @api.model
    def _operation_report(self, operation):
        """The report the change is about, started (draft) for a planned visit
        without one, with the rep's own rights."""
        visit = operation["visit"]
        if "report_id" in visit:
            report = self.env["visit.report"].browse(visit["report_id"]).exists()
            if not report:
                raise UserError(self.env._("The visit's report no longer exists."))
            report.check_access("write")
            return report
        line = self.env["visit.plan.line"].browse(visit["plan_line_id"]).exists()
        if not line:
            raise UserError(self.env._("The planned visit no longer exists."))
        line.check_access("read")
        if line.user_id != self.env.user:
            raise UserError(
                self.env._("Only the rep of a planned visit reports on it.")
            )
        return line._visit_report()

    @api.model
    def _check_current(self, report, operation):
        """A change made on the report as the phone knew it: one submitted,
        approved or returned meanwhile is not changed behind anyone's back."""
        known = operation.get("known_state")
        if report.state not in EDITABLE_STATES or (known and report.state != known):
            states = dict(report._fields["state"]._description_selection(self.env))
            raise OfflineConflict(
                self.env._(
                    "%(report)s is %(state)s now: this change made offline was not "
                    "applied.",
                    report=report.name,
                    state=states[report.state].lower(),
                )
            )

    @api.model
    def _offline_time(self, operation):
        """The phone's time of an action recorded offline (so the phone said,
        or so long ago), never later than now; None for one sent live, judged
        by the server's clock."""
        now = fields.Datetime.now()
        phone_time = operation["phone_time"]
        if phone_time > now + PHONE_CLOCK_TOLERANCE:
            raise UserError(
                self.env._(
                    "The phone's clock is ahead of the server's: this change was not "
                    "accepted. Set the phone's date and time to automatic."
                )
            )
        if operation.get("offline") or now - phone_time > PHONE_CLOCK_TOLERANCE:
            return min(phone_time, now)
        return None

    @api.model
    def _position(self, values):
        """The check-in's method and raw position, as the phone gave them."""
        method = values.get("method")
        if method == "manual":
            return "manual", 0.0, 0.0, 0.0
        if method != "gps":
            raise ValidationError(
                self.env._("%(method)r is not a check-in method.", method=method)
            )
        return (
            "gps",
            to_latitude(self.env, values.get("latitude")),
            to_longitude(self.env, values.get("longitude")),
            to_accuracy(self.env, values.get("accuracy")),
        )

    # ------------------------------------------------------------------
    # One method per kind of change
    # ------------------------------------------------------------------
    @api.model
    def _apply_check_in(self, report, operation):
        report._check_can_check_in()
        offline_time = self._offline_time(operation)
        report._record_check_in(
            *self._position(operation["values"]),
            client_time=None if offline_time else operation["phone_ms"],
            offline_time=offline_time,
        )

    @api.model
    def _apply_check_out(self, report, operation):
        report._check_can_check_out()
        offline_time = self._offline_time(operation)
        if offline_time and offline_time < report.checkin_time:
            raise UserError(
                self.env._(
                    "By the phone's clock this check-out is before the check-in."
                )
            )
        report._record_check_out(
            *self._position(operation["values"]), offline_time=offline_time
        )
        if not offline_time:
            report._store_client_time("checkout", operation["phone_ms"])

    @api.model
    def _apply_texts(self, report, operation):
        """Each text as {old, new}: a text changed on the server since the
        phone read it is a conflict; the phone keeps the rep's version."""
        changes = operation["values"]
        if not set(changes) <= set(OFFLINE_TEXT_FIELDS) or not all(
            isinstance(change, dict)
            and isinstance(change.get("old"), str)
            and isinstance(change.get("new"), str)
            for change in changes.values()
        ):
            raise ValidationError(
                self.env._("The app changes only the report's texts.")
            )
        changed_meanwhile = {
            name: html2plaintext(report[name] or "")
            for name, change in changes.items()
            if plain_text(report[name])
            not in (plain_text(change["old"]), plain_text(change["new"]))
        }
        if changed_meanwhile:
            labels = [
                report._fields[name].get_description(self.env)["string"]
                for name in changed_meanwhile
            ]
            raise OfflineConflict(
                self.env._(
                    "Changed on the server meanwhile: %(fields)s. Your text is kept "
                    "on the phone: compare, then keep yours or the server's.",
                    fields=", ".join(labels),
                ),
                changed_meanwhile,
            )
        report.write(
            {
                name: plaintext2html(change["new"])
                if report._fields[name].type == "html"
                else change["new"]
                for name, change in changes.items()
            }
        )

    @api.model
    def _apply_commitment(self, report, operation):
        values = operation["values"]
        if set(values) - {"name", "deadline"}:
            raise ValidationError(
                self.env._("A commitment made offline has a text and a deadline.")
            )
        self.env["visit.report.commitment"].create({**values, "report_id": report.id})

    @api.model
    def _apply_photo(self, report, operation):
        values = operation["values"]
        if set(values) - {"image", "kind", "note"}:
            raise ValidationError(
                self.env._("A photo taken offline has its picture, kind and note.")
            )
        photo = self.env["visit.report.photo"].create(
            {**values, "report_id": report.id}
        )
        offline_time = self._offline_time(operation)
        if offline_time:
            photo._record_offline(offline_time)

    @api.model
    def _apply_submit(self, report, operation):
        report.action_submit()


class OfflineConflict(Exception):
    """The change met newer facts on the server; `server_values` are the
    server's texts it met."""

    def __init__(self, message, server_values=None):
        super().__init__(message)
        self.server_values = server_values or {}
