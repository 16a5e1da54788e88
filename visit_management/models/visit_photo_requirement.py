# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .selections import PHOTO_KINDS, VISIT_PURPOSES


class VisitPhotoRequirement(models.Model):
    _name = "visit.photo.requirement"
    _description = "Photos Required by Visit Purpose"
    _order = "purpose, kind, id"

    active = fields.Boolean(default=True)
    purpose = fields.Selection(selection=VISIT_PURPOSES, required=True)
    kind = fields.Selection(
        selection=PHOTO_KINDS,
        string="Photo Kind",
        help="Leave empty to count photos of any kind.",
    )
    minimum_count = fields.Integer(
        string="Minimum Photos",
        required=True,
        aggregator=None,
        default=1,
        help="A report of this purpose cannot be submitted with fewer photos.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _minimum_count_positive = models.Constraint(
        "CHECK(minimum_count > 0)",
        "A photo requirement asks for at least one photo.",
    )

    @api.model
    def _check_reports(self, reports):
        """Refuses reports with fewer photos than their purpose requires."""
        requirements = self.sudo().search(
            [
                ("company_id", "in", reports.company_id.ids),
                ("purpose", "in", reports.mapped("purpose")),
            ]
        )
        purposes = dict(self._fields["purpose"]._description_selection(self.env))
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        # the overall count first, then the kinds
        requirements = requirements.sorted(lambda requirement: bool(requirement.kind))
        for report in reports:
            for requirement in requirements:
                if (requirement.company_id, requirement.purpose) != (
                    report.company_id,
                    report.purpose,
                ):
                    continue
                photos = report.photo_ids.filtered(
                    lambda photo, kind=requirement.kind: not kind or photo.kind == kind
                )
                missing = requirement.minimum_count - len(photos)
                if missing <= 0:
                    continue
                values = {
                    "report": report.name,
                    "purpose": purposes[report.purpose],
                    "minimum": requirement.minimum_count,
                    "missing": missing,
                }
                if requirement.kind:
                    raise UserError(
                        self.env._(
                            "%(purpose)s visits need at least %(minimum)s photos of "
                            "the kind %(kind)s: add %(missing)s more to %(report)s "
                            "before submitting.",
                            kind=kinds[requirement.kind],
                            **values,
                        )
                    )
                raise UserError(
                    self.env._(
                        "%(purpose)s visits need at least %(minimum)s photos: add "
                        "%(missing)s more to %(report)s before submitting.",
                        **values,
                    )
                )
