# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class VisitCompanyCheck(models.AbstractModel):
    """Odoo's company check (`_check_company_auto`), by company rather than
    record by record: for the records of one company, the linked records of a
    field are checked together, in one filter. Odoo filters each record's
    linked records on their own, which for the thousands of callbacks a
    scheduled action creates was a sixth of their creation. When something is
    inconsistent, Odoo's own check runs, for its message."""

    _name = "visit.company.check"
    _description = "Company Check by Company"

    def _check_company(self, fnames=None):
        if len(self) > 1 and self._companies_consistent(fnames):
            return
        super()._check_company(fnames)

    def _companies_consistent(self, fnames):
        """Whether each record's linked records of the checked fields belong to
        its company, as Odoo's check decides (False: not decided here)."""
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = self._fields
        checked = [
            field
            for field in (self._fields[name] for name in fnames)
            if field.relational and field.check_company
        ]
        if "company_id" not in self._fields or any(
            field.company_dependent for field in checked
        ):
            return False
        for company, records in self.grouped("company_id").items():
            for field in checked:
                linked = records.sudo()[field.name]
                if not linked:
                    continue
                domain = linked._check_company_domain(company)
                if domain and linked != linked.with_context(
                    active_test=False
                ).filtered_domain(domain):
                    return False
        return True
