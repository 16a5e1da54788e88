# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import client_action
from .visit_frequency_rule import DONE_STATES

# A second QR scan of the same rep at the same customer within this delay is the
# same arrival: it is told so and checks in nothing more.
QR_RESCAN_MINUTES = 10


def new_token(_labels=None):
    """256 random bits: a label cannot be guessed from another one."""
    return secrets.token_urlsafe(32)


class VisitQrToken(models.Model):
    """The printed QR label of a customer site (扫码签到): its unguessable token
    checks the rep who scans it into today's visit of the customer. One active
    label per customer and company; a revoked one is kept, refused when scanned."""

    _name = "visit.qr.token"
    _description = "Check-in QR Label"
    _order = "partner_id, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        index=True,
    )
    token = fields.Char(required=True, readonly=True, copy=False, default=new_token)
    url = fields.Char(string="Check-in Link", compute="_compute_url")
    active = fields.Boolean(default=True, readonly=True)
    revoked_date = fields.Datetime(string="Revoked On", readonly=True, copy=False)
    revoked_by_id = fields.Many2one("res.users", readonly=True)
    last_scan_date = fields.Datetime(string="Last Check-in", readonly=True)
    last_scan_user_id = fields.Many2one(
        "res.users", string="Last Checked In By", readonly=True
    )
    scan_count = fields.Integer(string="Check-ins", readonly=True)

    _token_unique = models.Constraint(
        "UNIQUE(token)", "Each QR label carries its own token."
    )
    _one_active_label = models.UniqueIndex(
        "(partner_id, company_id) WHERE active",
        "A customer has one valid QR label at a time: revoke it to print a new one.",
    )

    @api.depends("token")
    def _compute_url(self):
        base_url = self.browse().get_base_url()
        for label in self:
            label.url = f"{base_url}/visit/qr/{label.token}"

    # ------------------------------------------------------------------
    # Labels
    # ------------------------------------------------------------------
    @api.model
    def _for_partners(self, partners):
        """The active labels of these customers, created where missing (in the
        customer's company, or the current one for a shared customer)."""
        wanted = [
            (partner, partner.company_id or self.env.company) for partner in partners
        ]
        existing = self.search([("partner_id", "in", partners.ids)]).filtered(
            lambda label: (label.partner_id, label.company_id) in wanted
        )
        labelled = {(label.partner_id, label.company_id) for label in existing}
        created = self.create(
            [
                {"partner_id": partner.id, "company_id": company.id}
                for partner, company in wanted
                if (partner, company) not in labelled
            ]
        )
        return (existing + created).sorted(lambda label: label.partner_id.display_name)

    @api.model
    def _action_print_for_partners(self, partners):
        """The Print QR Labels action of customers."""
        if not partners:
            raise UserError(self.env._("Select the customers to print labels for."))
        return self._for_partners(partners).action_print_labels()

    def _check_active(self):
        revoked = self.filtered(lambda label: not label.active)
        if revoked:
            raise UserError(
                self.env._(
                    "The QR label of %(partner)s is revoked: print its new label.",
                    partner=revoked[0].partner_id.display_name,
                )
            )

    @client_action()
    def action_print_labels(self):
        self._check_active()
        return self.env.ref("visit_management.visit_qr_label_report").report_action(
            self
        )

    @client_action()
    def action_revoke(self):
        """The label was lost or copied: scanning it no longer checks in."""
        self.filtered("active").write(
            {
                "active": False,
                "revoked_date": fields.Datetime.now(),
                "revoked_by_id": self.env.uid,
            }
        )
        return True

    @client_action()
    def action_new_label(self):
        """Revokes the labels and prints new ones for the same customers."""
        self._check_active()
        self.action_revoke()
        self.flush_recordset(["active"])
        new_labels = self.create(
            [
                {"partner_id": label.partner_id.id, "company_id": label.company_id.id}
                for label in self
            ]
        )
        return new_labels.action_print_labels()

    # ------------------------------------------------------------------
    # Scan
    # ------------------------------------------------------------------
    def _scan(self, user, latitude=0.0, longitude=0.0, accuracy=0.0):
        """Checks the rep who scanned this label into today's visit of the
        customer, with the position the phone gave (none: 0). Returns
        (outcome, report); only "checked_in" writes anything:
        - revoked: the label was revoked;
        - foreign: the label is of a company the rep does not work for;
        - not_rep: the user has no visits (no sales rep rights);
        - no_visit: no approved planned visit nor report of the rep's today there;
        - reported: today's visits there are all reported already;
        - recent: the rep checked in there by QR code a few minutes ago;
        - already: each of today's visits there is checked in by QR code;
        - checked_in: the first visit not yet checked in by QR code is, now.
        """
        self.ensure_one()
        if not self.active:
            return "revoked", self.env["visit.report"]
        if self.company_id not in user.company_ids:
            return "foreign", self.env["visit.report"]
        if not user.has_group("visit_management.group_visit_user"):
            return "not_rep", self.env["visit.report"]
        rep_env = self.with_user(user).with_company(self.company_id).env
        visits = rep_env["visit.today"].search(
            [
                ("user_id", "=", user.id),
                ("partner_id", "=", self.partner_id.id),
                ("company_id", "=", self.company_id.id),
            ]
        )
        if not visits:
            return "no_visit", rep_env["visit.report"]
        open_visits = visits.filtered(
            lambda visit: visit.report_state not in DONE_STATES
        )
        if not open_visits:
            return "reported", visits[-1].report_id
        recent = rep_env["visit.report"].search(
            [
                ("user_id", "=", user.id),
                ("partner_id", "=", self.partner_id.id),
                ("checkin_method", "=", "qr"),
                (
                    "checkin_time",
                    ">=",
                    fields.Datetime.now() - timedelta(minutes=QR_RESCAN_MINUTES),
                ),
            ],
            order="checkin_time desc",
            limit=1,
        )
        if recent:
            return "recent", recent
        visit = open_visits.filtered(
            lambda visit: visit.report_id.checkin_method != "qr"
        )[:1]
        if not visit:
            return "already", open_visits[-1].report_id
        report = visit._visit_report()
        report._check_can_check_in()
        report._record_check_in("qr", latitude, longitude, accuracy)
        self.write(
            {
                "last_scan_date": report.checkin_time,
                "last_scan_user_id": user.id,
                "scan_count": self.scan_count + 1,
            }
        )
        return "checked_in", report
