# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models

from ..tools import post_to_followers
from .visit_reception import OPEN_STATES

INCIDENT_ACTIVITY = "visit_management.mail_activity_visit_reception_incident"


class VisitReceptionIncident(models.Model):
    """An emergency during a reception (fire, earthquake, injury...): handled by
    the emergency plan, recorded here and reported to the managers."""

    _name = "visit.reception.incident"
    _inherit = ["visit.write.guard"]
    _description = "Reception Incident"
    _guard_parent = "reception_id"
    _visit_dates = ("incident_datetime",)
    _user_fields = {
        state: (
            "incident_type",
            "incident_datetime",
            "description",
            "actions_taken",
            "reported_by_id",
        )
        for state in OPEN_STATES
    }
    _order = "incident_datetime desc, id desc"

    reception_id = fields.Many2one(
        "visit.reception", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="reception_id.company_id", store=True)
    incident_type = fields.Selection(
        selection=[
            ("fire", "Fire"),
            ("earthquake", "Earthquake"),
            ("injury", "Injury"),
            ("illness", "Illness"),
            ("security", "Security"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
    )
    incident_datetime = fields.Datetime(
        string="When", required=True, default=fields.Datetime.now
    )
    description = fields.Text(required=True)
    actions_taken = fields.Text(
        help="What was done under the emergency plan: evacuation, first aid, "
        "who was called."
    )
    reported_by_id = fields.Many2one("res.users", default=lambda self: self.env.user)

    @api.depends("incident_type", "reception_id.name")
    def _compute_display_name(self):
        types = dict(self._fields["incident_type"]._description_selection(self.env))
        for incident in self:
            incident.display_name = self.env._(
                "%(type)s at %(reception)s",
                type=types.get(incident.incident_type, ""),
                reception=incident.reception_id.name or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        incidents = super().create(vals_list)
        incidents._report_to_managers()
        return incidents

    def _report_to_managers(self):
        """Tells the leaders of the lead and supporting departments at once, and
        gives the lead manager an activity to follow the incident up."""
        for incident in self:
            reception = incident.reception_id
            managers = reception.manager_id | reception.support_team_ids.user_id
            body = Markup("<p><strong>%s</strong></p><p>%s</p>") % (
                self.env._("Incident: %(incident)s", incident=incident.display_name),
                incident.description,
            )
            if incident.actions_taken:
                body += Markup("<p>%s</p>") % self.env._(
                    "Actions taken: %(actions)s", actions=incident.actions_taken
                )
            post_to_followers(
                reception,
                body,
                "visit_management.mt_visit_reception_incident",
                managers.partner_id,
                role=True,
            )
            if reception.manager_id:
                reception.activity_schedule(
                    INCIDENT_ACTIVITY,
                    summary=incident.display_name,
                    note=incident.description,
                    user_id=reception.manager_id.id,
                )
