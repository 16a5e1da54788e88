# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, models

from .visit_frequency_rule import DONE_STATES


class VisitReport(models.Model):
    """Whether the report is on time and whether the visit counts (valid):
    the deadline in working days, the rules on contacts by month, and the
    neighbouring reports whose validity a change moves."""

    _inherit = "visit.report"

    # ------------------------------------------------------------------
    # Timeliness
    # ------------------------------------------------------------------
    @api.depends(
        "end_datetime",
        "start_datetime",
        "company_id.visit_report_deadline_unit",
        "company_id.visit_report_deadline_hours",
        "company_id.visit_report_deadline_days",
    )
    def _compute_report_deadline(self):
        for report in self:
            visit_end = report.end_datetime or report.start_datetime
            company = report.company_id
            if not visit_end:
                report.report_deadline = False
            elif company.visit_report_deadline_unit == "working_days":
                report.report_deadline = report._working_days_after(
                    visit_end, company.visit_report_deadline_days
                )
            else:
                report.report_deadline = visit_end + timedelta(
                    hours=company.visit_report_deadline_hours
                )

    @api.depends(
        "submitted_date",
        "company_id.visit_review_deadline_days",
        "company_id.visit_review_deadline_time",
    )
    def _compute_review_deadline(self):
        """The manager reviews a report by the company's review time of the n-th
        working day after its submission (domain: 9:15 the next working day)."""
        for report in self:
            report.review_deadline = report.submitted_date and (
                report._review_deadline_after(report.submitted_date)
            )

    def _review_deadline_after(self, submitted):
        """The company's review time of its n-th working day after the day of
        the submission."""
        company = self.company_id
        hours, minutes = divmod(round(company.visit_review_deadline_time * 60), 60)
        return self._working_days_after(
            submitted,
            company.visit_review_deadline_days,
            at=time(min(hours, 23), minutes),
        )

    @api.depends("reviewed_date", "review_deadline")
    def _compute_reviewed_late(self):
        for report in self:
            report.reviewed_late = bool(
                report.reviewed_date
                and report.review_deadline
                and report.reviewed_date > report.review_deadline
            )

    def _working_days_after(self, moment, days, at=time.max):
        """The end (or the time `at`) of the n-th working day after the
        moment's day, by the company's working calendar (plain days without one;
        0: that day). Days are those of the calendar's timezone: a visit at 03:00
        in Shanghai is on that local day, though it is still the day before in
        UTC."""
        calendar = self.company_id.resource_calendar_id
        tz = pytz.timezone(calendar.tz or self.env.user.tz or "UTC")
        visit_day = pytz.utc.localize(moment).astimezone(tz).date()
        last_day = visit_day + timedelta(days=max(days, 0))
        if calendar and days > 0:
            next_day = tz.localize(
                datetime.combine(visit_day + timedelta(days=1), time.min)
            )
            planned = calendar.plan_days(days, next_day, compute_leaves=True)
            if planned:
                last_day = planned.astimezone(tz).date()
        day_end = tz.localize(datetime.combine(last_day, at))
        return day_end.astimezone(pytz.utc).replace(tzinfo=None, microsecond=0)

    # ------------------------------------------------------------------
    # Validity
    # ------------------------------------------------------------------
    @api.depends(
        "user_id",
        "partner_id",
        "contact_id",
        "visit_date",
        "state",
        "verification_done",
        "verification_score",
        "company_id.visit_verification_pass_score",
    )
    def _compute_is_valid(self):
        """Same contact only, two months in a row: the later month's visits are
        invalid. A manager's verification call score overrides the rule."""
        contacts_by_month = self._contacts_by_month()
        for report in self:
            sudo_report = report.sudo()
            if sudo_report.verification_done:
                passed = (
                    sudo_report.verification_score
                    >= report.company_id.visit_verification_pass_score
                )
                report.is_valid = passed
                report.invalid_kind = False if passed else "failed_verification"
                continue
            if not report.visit_date:
                report.is_valid, report.invalid_kind = True, False
                continue
            rep, customer = report.user_id.id, report.partner_id.id
            month = report.visit_date.replace(day=1)
            this_month = contacts_by_month[rep, customer, month] | {
                report.contact_id.id
            }
            last_month = contacts_by_month[
                rep, customer, month - relativedelta(months=1)
            ]
            repeated = len(this_month) == 1 and this_month == last_month
            report.is_valid = not repeated
            report.invalid_kind = "repeated_contact" if repeated else False

    @api.depends("invalid_kind", "contact_id.name", "partner_id.name")
    @api.depends_context("lang")
    def _compute_invalid_reason(self):
        for report in self:
            if report.invalid_kind == "repeated_contact":
                report.invalid_reason = self.env._(
                    "Only the same contact was visited two months in a row "
                    "(%(contact)s).",
                    contact=report.contact_id.name or report.partner_id.name,
                )
            elif report.invalid_kind == "failed_verification":
                report.invalid_reason = self.env._("Failed the verification call.")
            else:
                report.invalid_reason = False

    def _contacts_by_month(self):
        """{(rep id, customer id, first of month): {contact ids}} of the visits done
        by the reps of these reports at their customers, over the months the rule
        looks at, in one query. Archived reports count: archiving hides a visit, it
        does not undo it."""
        result = defaultdict(set)
        dated = self.filtered("visit_date")
        if not dated:
            return result
        first = min(dated.mapped("visit_date")).replace(day=1) - relativedelta(months=1)
        last = max(dated.mapped("visit_date"))
        groups = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                dated._same_rep_and_customer_domain(first, last)
                + [("state", "in", DONE_STATES)],
                ["user_id", "partner_id", "visit_date:month", "contact_id"],
                ["__count"],
            )
        )
        for user, partner, month, contact, _count in groups:
            result[user.id, partner.id, month].add(contact.id)
        return result

    def _validity_neighbours(self):
        """Reports whose validity depends on these: the same rep at the same
        customer, in the same month or the next one."""
        dated = self.filtered("visit_date")
        if not dated:
            return self.browse()
        first = min(dated.mapped("visit_date")).replace(day=1)
        last = max(dated.mapped("visit_date")).replace(day=1) + relativedelta(
            months=2, days=-1
        )
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(dated._same_rep_and_customer_domain(first, last))
        )

    def _same_rep_and_customer_domain(self, first, last):
        """Visits by these reports' reps at their customers between two days."""
        return [
            ("user_id", "in", self.user_id.ids),
            ("partner_id", "in", self.partner_id.ids),
            ("visit_date", ">=", first),
            ("visit_date", "<=", last),
        ]

    def _refresh_neighbour_validity(self):
        neighbours = self._validity_neighbours()
        self.env.add_to_compute(self._fields["is_valid"], neighbours)
        self.env.add_to_compute(self._fields["invalid_kind"], neighbours)
