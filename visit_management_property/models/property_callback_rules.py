# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
import random
from collections import defaultdict
from datetime import timedelta
from functools import partial

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain

from odoo.addons.visit_management.tools import run_in_batches, single_run

from .property_callback_sample import draw

# Estates one transaction of a scheduled action handles: an estate's households
# number in the thousands, its festival visits in the hundreds, so a transaction
# stays the same size however many estates the company has.
ESTATE_BATCH = 5
OPEN_COMPLAINT_STATES = ("new", "in_progress")


class PropertyCallbackRules(models.AbstractModel):
    """The rules that create resident callbacks by themselves: move-in visits
    (with a sample on mass move-ins), callbacks after complaints, repairs and
    incidents, festival visits and monthly routine callbacks. Each rule creates a
    callback once: for an origin, a household and month, a resident and festival
    (unique indexes on the callbacks back this up)."""

    _name = "property.callback.rules"
    _description = "Resident Callback Rules"

    # ------------------------------------------------------------------
    # Running a rule over the estates, batch by batch
    # ------------------------------------------------------------------
    @api.model
    def _run_by_estate(self, process, domain):
        """Runs process(estates) over the active estates matching the domain, by
        batches each committed (run_in_batches). Returns whether the run got
        through every estate."""
        return run_in_batches(
            self.env["property.estate"], domain, process, ESTATE_BATCH
        )

    @api.model
    def _today(self):
        return fields.Date.context_today(self)

    # ------------------------------------------------------------------
    # Move-in visits
    # ------------------------------------------------------------------
    @api.model
    @single_run
    def _cron_move_in_callbacks(self):
        self._run_by_estate(
            self._move_in_callbacks,
            [("company_id.property_move_in_callbacks", "=", True)],
        )

    @api.model
    def _move_in_callbacks(self, estates):
        """A visit for each household that moved into these estates within the
        company's latest delay (3 months), due a month after moving in. When more
        households than the company's threshold move into an estate in one month,
        a seeded random sample of them (60%) is visited, and the draw recorded."""
        today = self._today()
        households = self._move_in_households(estates, today)
        Callback = self.env["property.resident.callback"]
        if not households:
            return Callback
        months = list({month for _estate, month in households})
        called = {
            (callback.unit_id.id, callback.period_date)
            for callback in Callback.sudo().search_fetch(
                [
                    ("callback_type", "=", "move_in"),
                    ("estate_id", "in", estates.ids),
                    ("period_date", "in", months),
                ],
                ["unit_id", "period_date"],
            )
        }
        draws = defaultdict(lambda: self.env["property.callback.sample"])
        for sample in (
            self.env["property.callback.sample"]
            .sudo()
            .search_fetch(
                [
                    ("sample_type", "=", "move_in"),
                    ("estate_id", "in", estates.ids),
                    ("period_date", "in", months),
                ],
                ["estate_id", "period_date", "draw_number", "candidate_unit_ids"],
            )
        ):
            draws[sample.estate_id, sample.period_date] |= sample
        vals_list, samples = [], []
        for (estate, month), units in households.items():
            uncalled = [unit for unit in units if (unit.id, month) not in called]
            if not uncalled:
                continue
            company = estate.company_id
            previous = draws[estate, month]
            if len(units) > company.property_mass_move_in_threshold or previous:
                chosen, sample = self._move_in_draw(
                    estate, month, units, uncalled, previous, called
                )
                if sample:
                    samples.append(sample)
            else:
                chosen = uncalled
            for unit in chosen:
                residents = units[unit]
                moved_in = min(residents.mapped("resident_move_in_date"))
                vals_list.append(
                    {
                        "callback_type": "move_in",
                        "resident_id": residents._household_contact().id,
                        "unit_id": unit.id,
                        "estate_id": estate.id,
                        "period_date": month,
                        "due_date": moved_in
                        + relativedelta(months=company.property_move_in_due_months),
                        "latest_date": moved_in
                        + relativedelta(months=company.property_move_in_latest_months),
                    }
                )
        self.env["property.callback.sample"].sudo().create(samples)
        return Callback._create_bulk(vals_list)

    @api.model
    def _move_in_households(self, estates, today):
        """{(estate, month of moving in): {unit: its residents who moved in}} of
        the owners and tenants who moved in, no earlier than their company's
        latest delay."""
        latest = {
            company: today
            - relativedelta(months=company.property_move_in_latest_months)
            for company in estates.company_id
        }
        residents = (
            self.env["res.partner"]
            .sudo()
            .search_fetch(
                [
                    ("resident_estate_id", "in", estates.ids),
                    ("resident_role", "in", ("owner", "tenant")),
                    ("resident_move_in_date", ">=", min(latest.values())),
                    ("resident_move_in_date", "<=", today),
                ],
                [
                    "resident_estate_id",
                    "resident_unit_id",
                    "resident_move_in_date",
                    "resident_role",
                ],
                order="id",
            )
        )
        households = defaultdict(dict)
        for resident in residents:
            estate = resident.resident_estate_id
            moved_in = resident.resident_move_in_date
            if moved_in < latest[estate.company_id]:
                continue
            units = households[estate, moved_in.replace(day=1)]
            unit = resident.resident_unit_id
            units[unit] = units.get(unit, resident.browse()) | resident
        return households

    @api.model
    def _move_in_draw(self, estate, month, units, uncalled, previous, called):
        """The households to visit in a mass move-in: enough of those not drawn
        from yet for the visited ones to reach the company's percentage of every
        household of the month. Returns them and the values recording the draw."""
        company = estate.company_id
        percent = company.property_mass_move_in_percent
        target = math.ceil(len(units) * percent / 100)
        visited = sum(1 for unit in units if (unit.id, month) in called)
        drawn_from = previous.candidate_unit_ids
        candidates = [unit.id for unit in uncalled if unit not in drawn_from]
        size = max(target - visited, 0)
        if not candidates:
            return [], None
        draw_number = max(previous.mapped("draw_number"), default=0) + 1
        seed = f"move_in/{estate.id}/{month:%Y-%m}/{draw_number}"
        picked = set(draw(seed, candidates, size))
        sample = {
            "estate_id": estate.id,
            "sample_type": "move_in",
            "period_date": month,
            "draw_number": draw_number,
            "seed": seed,
            "household_count": len(units),
            "percent": percent,
            "size": size,
            "candidate_unit_ids": [(6, 0, candidates)],
            "selected_unit_ids": [(6, 0, sorted(picked))],
        }
        return [unit for unit in uncalled if unit.id in picked], sample

    # ------------------------------------------------------------------
    # Callbacks after complaints, repairs and incidents
    # ------------------------------------------------------------------
    @api.model
    def _complaints_to_call_back_domain(self):
        return Domain(
            [
                ("state", "in", ("resolved", "closed")),
                ("company_id.property_complaint_callbacks", "=", True),
            ]
        ) & (
            Domain("caused_by_management", "=", True)
            | Domain("company_id.property_complaint_callback_all", "=", True)
        )

    @api.model
    def _repairs_to_call_back_domain(self):
        return Domain(
            [
                ("state", "=", "done"),
                ("category_id.callback_required", "=", True),
                ("company_id.property_repair_callbacks", "=", True),
            ]
        )

    @api.model
    def _incidents_to_follow_up_domain(self):
        return Domain(
            [
                ("state", "=", "closed"),
                ("company_id.property_incident_callbacks", "=", True),
            ]
        )

    @api.model
    def _origin_rules(self):
        """(model, domain of the records to call back, date field they are due
        after, company field of the delay in days, origin field on callbacks,
        callback type)."""
        return [
            (
                "property.complaint",
                self._complaints_to_call_back_domain(),
                "resolved_datetime",
                "property_complaint_callback_days",
                "complaint_id",
                "complaint",
            ),
            (
                "property.repair.request",
                self._repairs_to_call_back_domain(),
                "done_datetime",
                "property_repair_callback_days",
                "repair_id",
                "repair",
            ),
            (
                "property.incident",
                self._incidents_to_follow_up_domain(),
                "closed_datetime",
                "property_incident_callback_days",
                "incident_id",
                "incident",
            ),
        ]

    @api.model
    def _origin_callbacks(self, records):
        """The callback each of these complaints, repairs or incidents needs and
        has not got yet (created by their Resolve, Done and Close buttons)."""
        Callback = self.env["property.resident.callback"]
        for rule in self._origin_rules():
            if rule[0] == records._name:
                due = records.sudo().filtered_domain(
                    rule[1] & Domain("callback_ids", "=", False)
                )
                return Callback._create_bulk(self._origin_callback_values(rule, due))
        return Callback

    @api.model
    def _origin_callback_values(self, rule, records):
        """The values of the callbacks of these records of the rule's model (in
        its domain, without a callback)."""
        _model, _domain, date_field, days_field, origin_field, callback_type = rule
        vals_list = []
        for record in records:
            resident = record.resident_id or record.unit_id.owner_id
            if not resident:
                continue
            done = fields.Date.context_today(record, record[date_field])
            vals_list.append(
                {
                    "callback_type": callback_type,
                    origin_field: record.id,
                    "resident_id": resident.id,
                    "unit_id": record.unit_id.id,
                    "estate_id": record.estate_id.id,
                    "due_date": done + timedelta(days=record.company_id[days_field]),
                }
            )
        return vals_list

    @api.model
    @single_run
    def _cron_origin_callbacks(self):
        """Catches up the callbacks of resolved complaints, done repairs and
        closed incidents that have none (imported, or resolved while the rule was
        off), estate by estate like the other rules: a transaction's callers are
        the staff of its estates, however many the company has."""
        self._run_by_estate(self._catch_up_origin_callbacks, [])

    @api.model
    def _catch_up_origin_callbacks(self, estates):
        # the three rules' callbacks created together: one batch of callbacks
        # and of their callers' activities, not one of each a rule
        vals_list = []
        for rule in self._origin_rules():
            model, domain = rule[:2]
            records = (
                self.env[model]
                .sudo()
                .search(
                    domain
                    & Domain("callback_ids", "=", False)
                    & Domain("estate_id", "in", estates.ids),
                    order="id",
                )
            )
            # those another transaction holds (their Resolve, Done or Close
            # button) get their callback from it
            locked = records.try_lock_for_update(allow_referencing=True)
            vals_list += self._origin_callback_values(rule, locked)
        return self.env["property.resident.callback"]._create_bulk(vals_list)

    # ------------------------------------------------------------------
    # Festival visits
    # ------------------------------------------------------------------
    @api.model
    @single_run
    def _cron_festival_visits(self):
        """Creates the festival visits of the festivals coming within their
        preparation days, once per festival date."""
        for festival in (
            self.env["property.festival"].sudo()._due_festivals(self._today())
        ):
            finished = self._run_by_estate(
                partial(self._festival_visits, festival),
                [("id", "in", festival._target_estates().ids)],
            )
            if not finished:
                return
            festival._mark_done()
            self.env["ir.cron"]._commit_progress(0)

    @api.model
    def _festival_visits(self, festival, estates):
        """An on-site visit at the festival for each key resident of the estates
        (disabled, aged 60+ with their children elsewhere, other key residents)
        who has none for this festival date yet."""
        day = festival.date
        Partner = self.env["res.partner"].sudo()
        residents = Partner.search_fetch(
            Partner._care_domain(day) & Domain("resident_estate_id", "in", estates.ids),
            ["resident_unit_id", "resident_estate_id"],
            order="id",
        )
        Callback = self.env["property.resident.callback"]
        visited = (
            Callback.sudo()
            .search_fetch(
                [
                    ("callback_type", "=", "festival"),
                    ("festival_id", "=", festival.id),
                    ("period_date", "=", day),
                    ("resident_id", "in", residents.ids),
                ],
                ["resident_id"],
            )
            .resident_id
        )
        return Callback._create_bulk(
            [
                {
                    "callback_type": "festival",
                    "festival_id": festival.id,
                    "period_date": day,
                    "resident_id": resident.id,
                    "unit_id": resident.resident_unit_id.id,
                    "estate_id": resident.resident_estate_id.id,
                    "due_date": day,
                }
                for resident in residents - visited
            ]
        )

    # ------------------------------------------------------------------
    # Routine callbacks
    # ------------------------------------------------------------------
    @api.model
    @single_run
    def _cron_routine_callbacks(self):
        self._run_by_estate(
            self._routine_callbacks,
            [
                ("routine_callbacks", "=", True),
                ("company_id.property_routine_callbacks", "=", True),
            ],
        )

    @api.model
    def _routine_callbacks(self, estates):
        """Picks this month's routine callbacks of each estate not picked yet:
        between the company's minimum and maximum of households (10-15), at
        random among those without a complaint or repair this month (or still
        open), without a routine callback in the company's interval, and without
        another callback due this month. The draw is recorded."""
        month = self._today().replace(day=1)
        Sample = self.env["property.callback.sample"].sudo()
        drawn = Sample.search_fetch(
            [
                ("sample_type", "=", "routine"),
                ("estate_id", "in", estates.ids),
                ("period_date", "=", month),
            ],
            ["estate_id"],
        ).estate_id
        estates -= drawn
        Callback = self.env["property.resident.callback"]
        if not estates:
            return Callback
        Partner = self.env["res.partner"].sudo()
        # the units with residents, grouped in SQL: the estates' thousands of
        # residents are not read one by one, only those of the units picked
        households = dict(
            Partner._read_group(
                [
                    ("resident_estate_id", "in", estates.ids),
                    ("resident_role", "!=", False),
                ],
                ["resident_estate_id"],
                ["resident_unit_id:array_agg_distinct"],
            )
        )
        busy = self._routine_busy_units(estates, month)
        month_end = month + relativedelta(months=1, days=-1)
        picks, samples = [], []
        for estate in estates:
            company = estate.company_id
            unit_ids = households.get(estate, [])
            eligible = [unit_id for unit_id in unit_ids if unit_id not in busy]
            seed = f"routine/{estate.id}/{month:%Y-%m}"
            size = random.Random(f"{seed}/size").randint(
                company.property_routine_min, company.property_routine_max
            )
            picked = draw(seed, eligible, size)
            samples.append(
                {
                    "estate_id": estate.id,
                    "sample_type": "routine",
                    "period_date": month,
                    "seed": seed,
                    "household_count": len(unit_ids),
                    "size": size,
                    "candidate_unit_ids": [(6, 0, eligible)],
                    "selected_unit_ids": [(6, 0, sorted(picked))],
                }
            )
            picks += [(estate, unit_id) for unit_id in picked]
        contacts = Partner._household_contacts([unit_id for _estate, unit_id in picks])
        vals_list = [
            {
                "callback_type": "routine",
                "resident_id": contacts[unit_id].id,
                "unit_id": unit_id,
                "estate_id": estate.id,
                "period_date": month,
                "due_date": month_end,
            }
            for estate, unit_id in picks
        ]
        Sample.create(samples)
        return Callback._create_bulk(vals_list)

    @api.model
    def _routine_busy_units(self, estates, month):
        """Ids of the units of these estates left out of this month's routine
        callbacks: a complaint or repair this month or still open, a routine
        callback due within the company's interval, any other callback due this
        month or later (cancelled callbacks do not count)."""
        Complaint = self.env["property.complaint"].sudo()
        complaints = Complaint._read_group(
            [
                ("estate_id", "in", estates.ids),
                ("unit_id", "!=", False),
                "|",
                ("received_date", ">=", month),
                ("state", "in", OPEN_COMPLAINT_STATES),
            ],
            ["unit_id"],
        )
        Repair = self.env["property.repair.request"].sudo()
        repairs = Repair._read_group(
            [
                ("estate_id", "in", estates.ids),
                "|",
                ("requested_date", ">=", month),
                ("state", "!=", "done"),
            ],
            ["unit_id"],
        )
        busy = {unit.id for (unit,) in complaints + repairs}
        longest = max(estates.company_id.mapped("property_routine_exclusion_months"))
        Callback = self.env["property.resident.callback"].sudo()
        callbacks = Callback._read_group(
            [
                ("estate_id", "in", estates.ids),
                ("unit_id", "!=", False),
                ("state", "!=", "cancelled"),
                ("due_date", ">=", month - relativedelta(months=longest)),
            ],
            ["unit_id", "company_id", "callback_type", "due_date:month"],
        )
        for unit, company, callback_type, due_month in callbacks:
            interval = relativedelta(months=company.property_routine_exclusion_months)
            if due_month >= month or (
                callback_type == "routine" and due_month >= month - interval
            ):
                busy.add(unit.id)
        return busy
