# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import format_datetime

from ..tools import PHONE_POSITION, client_action
from ..tools.route_plan import distance_m
from .map_urls import map_url, position_map_url
from .visit_frequency_rule import DONE_STATES
from .visit_report import (
    CORRECTED_FIELDS,
    POSITION_FACTS,
    POSITION_PREFIXES,
    TO_JUDGE_REASONS,
)

JUDGED_SUBTYPE = "visit_management.mt_visit_report_check_in_judged"
# Verdicts that count as in place.
IN_PLACE = ("inside", "qr", "phone", "accepted", "absence_verified")
# The verdict that waits for the check-out.
WAITING_REASONS = ("no_check_out",)
# How far the visit's Start and End may be from the check-in and check-out
# before the reviewer is warned that they differ.
TIME_MISMATCH_TOLERANCE = timedelta(minutes=30)


class VisitReport(models.Model):
    """The report's check-in and check-out: recorded by the server, judged
    against the customer's position (the geofence); the rep's reasons, the
    manager's decisions and corrections."""

    _inherit = "visit.report"

    # ------------------------------------------------------------------
    # The verdict: in place or not, and why
    # ------------------------------------------------------------------
    @api.depends("checkin_time", "checkout_time")
    def _compute_dwell_minutes(self):
        for report in self:
            if report.checkin_time and report.checkout_time:
                delta = report.checkout_time - report.checkin_time
                report.dwell_minutes = delta.total_seconds() / 60
            else:
                report.dwell_minutes = 0.0

    @api.depends(
        "visit_mode",
        *CORRECTED_FIELDS,
        "geofence_decision",
        "absence",
        "absence_verified",
        "judged_against",
        "checkin_offline",
        "checkin_received_time",
        "checkout_offline",
        "checkout_received_time",
        "partner_id.partner_latitude",
        "partner_id.partner_longitude",
        "partner_id.visit_position_approximate",
        "company_id.visit_inplace_radius",
        "company_id.visit_checkin_max_accuracy",
        "company_id.visit_min_dwell_minutes",
        "company_id.visit_offline_max_sync_hours",
    )
    def _compute_in_place(self):
        """The domain's rule, from the raw facts only: a QR check-in is in place
        when the phone gave a position within the company's radius of the
        customer (a label can be photographed: far or without a position, the
        manager judges it); a GPS check-in is in place inside the radius, with an
        accurate enough fix, and followed by a check-out after the minimum time
        on site. A manual check-in, no check-in, a customer without coordinates,
        or a check-in or check-out recorded offline and synced later than the
        company allows is not in place, unless the manager accepts the rep's
        reason.
        Phone visits have no place to be in."""
        for report in self:
            basis = report._judging_basis()
            has_fix = report.checkin_method == "gps" or (
                report.checkin_method == "qr"
                and bool(report.checkin_latitude or report.checkin_longitude)
            )
            located = basis["latitude"] or basis["longitude"]
            report.checkin_distance = (
                distance_m(
                    report.checkin_latitude,
                    report.checkin_longitude,
                    basis["latitude"],
                    basis["longitude"],
                )
                if has_fix and located
                else 0.0
            )
            reason = report._in_place_reason(basis, has_fix, located)
            report.in_place_reason = reason
            report.in_place = reason in IN_PLACE
            report.checkin_to_judge = reason in TO_JUDGE_REASONS

    def _judging_basis(self):
        """What the check-in is judged against: the customer's position and the
        company's thresholds as they were at approval, or as they are now."""
        self.ensure_one()
        if self.judged_against:
            return self.judged_against
        company = self.company_id
        latitude, longitude = self.partner_id._visit_judging_position()
        return {
            "latitude": latitude,
            "longitude": longitude,
            "radius": company.visit_inplace_radius,
            "max_accuracy": company.visit_checkin_max_accuracy,
            "min_dwell": company.visit_min_dwell_minutes,
            "max_sync_hours": company.visit_offline_max_sync_hours,
        }

    def _in_place_reason(self, basis, has_fix, located):
        self.ensure_one()
        if self.visit_mode == "phone":
            return "phone"
        if self.geofence_decision == "accepted":
            return "accepted"
        if self.absence and self.absence_verified:
            return "absence_verified"
        if self._synced_late(basis):
            return "offline_late"
        if self.checkin_method == "qr":
            if not has_fix:
                return "qr_unlocated"
            if located and self.checkin_distance > basis["radius"]:
                return "qr_far"
            return "qr"
        if not has_fix:
            return "no_position"
        if not located:
            return "no_customer_position"
        if self.checkin_accuracy > basis["max_accuracy"]:
            return "uncertain"
        if self.checkin_distance > basis["radius"]:
            return "outside"
        min_dwell = basis["min_dwell"]
        if min_dwell and not self.checkout_time:
            return "no_check_out"
        if self.dwell_minutes < min_dwell:
            return "too_short"
        return "inside"

    def _synced_late(self, basis):
        """A check-in or check-out recorded offline that reached the server
        later than the company allows (reports approved before the rule
        existed keep their verdict)."""
        limit = basis.get("max_sync_hours")
        return bool(limit) and any(
            self[f"{prefix}_offline"]
            and self[f"{prefix}_received_time"] - self[f"{prefix}_time"]
            > timedelta(hours=limit)
            for prefix in POSITION_PREFIXES
        )

    @api.depends(
        "visit_mode",
        "checkin_method",
        "checkin_offline",
        "in_place_reason",
        "checkin_distance",
        "checkin_accuracy",
        "checkout_method",
        "dwell_minutes",
        "check_in_count",
    )
    def _compute_checkin_message(self):
        """One sentence for the Check in button's notice and the form alike: the
        facts, the verdict, and what the verdict waits for."""
        for report in self:
            if report.visit_mode == "phone":
                report.checkin_message = False
            elif not report.checkin_method:
                report.checkin_message = self.env._(
                    "Not checked in yet: check in when you arrive at the customer's."
                )
            else:
                report.checkin_message = " ".join(report._checkin_sentences())

    def _checkin_sentences(self):
        self.ensure_one()
        basis = self._judging_basis()
        reasons = dict(self._fields["in_place_reason"]._description_selection(self.env))
        distance = round(self.checkin_distance)
        if self.checkin_method == "manual":
            fact = self.env._("Checked in manually, without a position.")
        elif self.in_place_reason == "qr_unlocated":
            fact = self.env._(
                "Checked in with the customer's QR code, without a position."
            )
        elif self.checkin_method == "qr":
            fact = self.env._(
                "Checked in with the customer's QR code, %(distance)s m away.",
                distance=distance,
            )
        elif self.in_place_reason == "no_customer_position":
            fact = self.env._("Checked in; the customer's position is not on file yet.")
        else:
            fact = self.env._(
                "Checked in %(distance)s m from the customer (position within "
                "%(accuracy)s m).",
                distance=distance,
                accuracy=round(self.checkin_accuracy),
            )
        sentences = [fact]
        if self.checkin_offline:
            sentences.append(
                self.env._(
                    "Recorded without a network at %(time)s by the phone's clock, "
                    "received at %(received)s.",
                    time=format_datetime(self.env, self.checkin_time),
                    received=format_datetime(self.env, self.checkin_received_time),
                )
            )
        if self.checkout_method:
            sentences.append(
                self.env._(
                    "Checked out after %(minutes)s min on site.",
                    minutes=round(self.dwell_minutes),
                )
            )
        verdict = reasons.get(self.in_place_reason, "")
        reason = self.in_place_reason
        if reason in IN_PLACE:
            why = self.env._("In place: %(verdict)s.", verdict=verdict)
        elif reason == "no_check_out":
            why = self.env._(
                "Inside the zone, but not in place until you check out, after at "
                "least %(minutes)s min on site.",
                minutes=basis["min_dwell"],
            )
        elif reason == "too_short":
            why = self.env._(
                "Not in place: at least %(minutes)s min on site are required.",
                minutes=basis["min_dwell"],
            )
        elif reason == "offline_late":
            why = self.env._(
                "Not in place: synced more than %(hours)s h after it was recorded "
                "offline. Say why before submitting; your manager judges it.",
                hours=basis["max_sync_hours"],
            )
        elif reason == "outside":
            why = self.env._(
                "Not in place: outside the zone of %(radius)s m. Say why before "
                "submitting; your manager judges it.",
                radius=basis["radius"],
            )
        elif reason == "uncertain":
            why = self.env._(
                "Not in place: the position is less precise than %(accuracy)s m. "
                "Say why before submitting; your manager judges it.",
                accuracy=basis["max_accuracy"],
            )
        else:
            why = self.env._("Not in place: %(verdict)s.", verdict=verdict)
        sentences.append(why)
        if self.check_in_count > 1:
            sentences.append(
                self.env._(
                    "Checked in %(count)s times: the last check-in counts, and "
                    "your manager sees them all.",
                    count=self.check_in_count,
                )
            )
        return sentences

    @api.depends("check_in_ids.kind")
    def _compute_check_in_count(self):
        counts = dict(
            self.env["visit.report.check.in"]
            .sudo()
            ._read_group(
                [
                    ("report_id", "in", self.ids),
                    ("kind", "=", "check_in"),
                    ("corrected_by_id", "=", False),
                ],
                ["report_id"],
                ["__count"],
            )
        )
        for report in self:
            report.check_in_count = counts.get(report._origin, 0)

    @api.depends(
        "visit_mode", "start_datetime", "end_datetime", "checkin_time", "checkout_time"
    )
    def _compute_times_mismatch(self):
        """The visit's times are the rep's; the check-in and check-out's are the
        server's: more than the tolerance apart, the reviewer is warned."""
        for report in self:
            pairs = (
                (report.start_datetime, report.checkin_time),
                (report.end_datetime, report.checkout_time),
            )
            report.times_mismatch = report.visit_mode != "phone" and any(
                said and fact and abs(said - fact) > TIME_MISMATCH_TOLERANCE
                for said, fact in pairs
            )

    @api.depends(
        "checkin_method",
        "checkin_latitude",
        "checkin_longitude",
        "checkout_method",
        "checkout_latitude",
        "checkout_longitude",
        "partner_id.partner_latitude",
        "partner_id.partner_longitude",
        "company_id.visit_map_provider",
    )
    def _compute_map_urls(self):
        """Links to the free map of the company's choice (no API key)."""
        for report in self:
            provider = report.company_id.visit_map_provider
            name = report.partner_id.name
            for prefix in POSITION_PREFIXES:
                report[f"{prefix}_map_url"] = report[
                    f"{prefix}_method"
                ] == "gps" and position_map_url(
                    report[f"{prefix}_latitude"],
                    report[f"{prefix}_longitude"],
                    name,
                    provider,
                )
            report.partner_map_url = map_url(report.partner_id, provider)

    # ------------------------------------------------------------------
    # Check-in
    # ------------------------------------------------------------------
    def _check_can_check_in(self):
        self.ensure_one()
        if self.state not in ("draft", "returned"):
            raise UserError(
                self.env._("A submitted report can no longer be checked in.")
            )
        if self.user_id != self.env.user:
            raise UserError(self.env._("Only the rep who visits checks in."))

    def _check_can_check_out(self):
        self._check_can_check_in()
        if not self.checkin_method:
            raise UserError(self.env._("Check in before checking out."))

    @client_action(single=True, **PHONE_POSITION)
    def action_check_in(self, latitude, longitude, accuracy=0.0, client_time=None):
        """Called by the Check in button with the raw facts the phone gave: its
        position, the fix's accuracy and its own time. Nothing else the client
        says is taken: the distance and the verdict are the server's."""
        self._check_can_check_in()
        self._record_check_in("gps", latitude, longitude, accuracy, client_time)
        return self._position_result()

    @client_action(single=True)
    def action_check_in_manual(self):
        """Check-in without a position (refused or unavailable): flagged manual."""
        self._check_can_check_in()
        self._record_check_in("manual")
        return True

    @client_action(single=True, **PHONE_POSITION)
    def action_check_out(self, latitude, longitude, accuracy=0.0, client_time=None):
        """Called by the Check out button with the same raw facts."""
        self._check_can_check_out()
        self._record_check_out("gps", latitude, longitude, accuracy)
        self._store_client_time("checkout", client_time)
        return self._position_result()

    @client_action(single=True)
    def action_check_out_manual(self):
        """Check-out without a position: the time on site still counts."""
        self._check_can_check_out()
        self._record_check_out("manual")
        return True

    def _position_result(self):
        """What the page shows after a check-in or check-out: the form's own
        status message, and whether it is in place, waits for the check-out, or
        is not in place."""
        return {
            "in_place": self.in_place,
            "waiting": self.in_place_reason in WAITING_REASONS,
            "message": self.checkin_message,
        }

    def _record_check_in(
        self,
        method,
        latitude=0.0,
        longitude=0.0,
        accuracy=0.0,
        client_time=None,
        offline_time=None,
    ):
        """Stores the raw facts of a check-in with the request it came from; the
        distance and the in-place verdict are computed from them on the server.
        A new check-in starts the visit over: the check-out and the manager's
        decision on the previous one no longer hold; the earlier check-ins stay
        in the history, where the manager sees them. `offline_time` is the
        phone's time of a check-in recorded without a network."""
        self._record_position(
            "checkin", method, latitude, longitude, accuracy, offline_time
        )
        self.sudo().write(
            {
                **{f"checkout_{fact}": False for fact in POSITION_FACTS},
                "geofence_decision": False,
            }
        )
        self._store_client_time("checkin", client_time)
        self._add_to_history("check_in", self.checkin_distance)
        self._propose_partner_position()

    def _record_check_out(
        self, method, latitude=0.0, longitude=0.0, accuracy=0.0, offline_time=None
    ):
        """Stores the facts of a check-out, and proposes it as the visit's end
        when the rep has not said when it ended."""
        self._record_position(
            "checkout", method, latitude, longitude, accuracy, offline_time
        )
        customer = self.partner_id._visit_judging_position()
        distance = (
            distance_m(latitude, longitude, *customer)
            if method == "gps" and any(customer)
            else 0.0
        )
        self._add_to_history("check_out", distance)
        if not self.end_datetime and self.checkout_time >= self.start_datetime:
            self.sudo().end_datetime = self.checkout_time

    def _add_to_history(self, kind, distance, **correction):
        """Keeps the check-in or check-out just recorded (or corrected: who and
        why), with the verdict it gives; from now on it is the one that counts."""
        prefix = "checkin" if kind == "check_in" else "checkout"
        history = self.sudo().check_in_ids
        history.filtered(lambda row: row.kind == kind and row.counts).counts = False
        if not self[f"{prefix}_time"]:
            return
        history.create(
            {
                **correction,
                "report_id": self.id,
                "kind": kind,
                "time": self[f"{prefix}_time"],
                "method": self[f"{prefix}_method"],
                "latitude": self[f"{prefix}_latitude"],
                "longitude": self[f"{prefix}_longitude"],
                "accuracy": self[f"{prefix}_accuracy"],
                "distance": distance,
                "offline": self[f"{prefix}_offline"],
                "received_time": self[f"{prefix}_received_time"],
                "verdict": self.in_place_reason,
                "counts": True,
            }
        )

    def _record_correction(self, kinds, reason):
        """A manager's corrected check-in or check-out joins the history, and
        counts from now on (the check-out's position is not corrected: its
        distance stays)."""
        for kind in kinds:
            if kind == "check_in":
                distance = self.checkin_distance
            else:
                counted = self.sudo().check_in_ids.filtered(
                    lambda row: row.kind == "check_out" and row.counts
                )
                distance = counted.distance
            self._add_to_history(
                kind,
                distance,
                corrected_by_id=self.env.user.id,
                correction_reason=reason,
            )

    def _record_position(
        self,
        prefix,
        method,
        latitude=0.0,
        longitude=0.0,
        accuracy=0.0,
        offline_time=None,
    ):
        """Stores the raw facts of a check-in or check-out ("checkin" or
        "checkout" fields) with the server's time and the request's IP address
        and device; one recorded offline takes the phone's time, marked as
        such, and keeps when it was received."""
        self.ensure_one()
        self._check_coordinate_range(latitude, longitude)
        if (accuracy or 0.0) < 0:
            raise UserError(self.env._("A position's accuracy cannot be negative."))
        http = request.httprequest if request else None
        now = fields.Datetime.now()
        self.sudo().write(
            {
                f"{prefix}_latitude": latitude,
                f"{prefix}_longitude": longitude,
                f"{prefix}_accuracy": accuracy or 0.0,
                f"{prefix}_time": offline_time or now,
                f"{prefix}_client_time": offline_time or False,
                f"{prefix}_offline": bool(offline_time),
                f"{prefix}_received_time": now,
                f"{prefix}_method": method,
                f"{prefix}_ip": http and http.remote_addr,
                f"{prefix}_user_agent": http and http.user_agent.string,
            }
        )

    def _store_client_time(self, prefix, client_time):
        """Keeps the phone's time (milliseconds since 1970, as the Geolocation
        API gives it, checked by `to_phone_time`) as a fact only: a phone's
        clock can be set to anything, so the time on site is measured by the
        server's clock."""
        if client_time is None:
            return
        moment = datetime.fromtimestamp(client_time / 1000, pytz.utc)
        self.sudo().write({f"{prefix}_client_time": moment.replace(tzinfo=None)})

    def _propose_partner_position(self):
        """The first precise on-site check-in at a customer without a precise
        position proposes its position; a manager confirms it on the customer."""
        partner = self.partner_id.sudo()
        if (
            self.checkin_method == "gps"
            and self.visit_mode == "onsite"
            and not any(partner._visit_judging_position())
            and not partner.visit_proposed_report_id
            and self.checkin_accuracy <= self.company_id.visit_checkin_max_accuracy
        ):
            partner.write(
                {
                    "visit_proposed_latitude": self.checkin_latitude,
                    "visit_proposed_longitude": self.checkin_longitude,
                    "visit_proposed_report_id": self.id,
                }
            )

    # ------------------------------------------------------------------
    # Check-ins outside the zone: the rep's reason, the manager's decision
    # ------------------------------------------------------------------
    def _check_can_judge(self):
        for report in self:
            if report.state not in DONE_STATES:
                raise UserError(
                    self.env._("%(report)s is not submitted yet.", report=report.name)
                )
            if report.in_place_reason not in TO_JUDGE_REASONS and not (
                report.geofence_decision
            ):
                raise UserError(
                    self.env._(
                        "The check-in of %(report)s is not outside the zone: "
                        "there is nothing to judge.",
                        report=report.name,
                    )
                )
            if not report._can_review():
                raise UserError(
                    self.env._(
                        "Only the manager of the rep's sales team judges the "
                        "check-in of %(report)s, and never their own.",
                        report=report.name,
                    )
                )

    @client_action()
    def action_geofence_accept(self):
        """The rep's reason is accepted: the visit counts as in place."""
        return self._judge(
            "accepted",
            self.env._("Your check-in outside the zone was accepted as in place."),
        )

    @client_action()
    def action_geofence_needs_correction(self):
        """The reason is not accepted: the visit stays not in place, and the rep
        is told."""
        return self._judge(
            "needs_correction",
            self.env._("Your check-in outside the zone needs correction."),
        )

    @client_action()
    def action_verify_absence(self):
        """The manager checked that the customer was indeed absent (or the
        phone off): the visit counts as in place."""
        for report in self:
            if report.state not in DONE_STATES or not report.absence:
                raise UserError(
                    self.env._(
                        "%(report)s records no absence of the customer to verify.",
                        report=report.name,
                    )
                )
            if not report._can_review():
                raise UserError(
                    self.env._(
                        "Only the manager of the rep's sales team verifies the "
                        "absence recorded in %(report)s, and never their own.",
                        report=report.name,
                    )
                )
        self.sudo().write({"absence_verified": True})
        self._tell_rep(
            self.env._(
                "The customer's absence was verified: the visit counts as in place."
            ),
            JUDGED_SUBTYPE,
        )
        return True

    def _judge(self, decision, message):
        self._check_can_judge()
        self.sudo().write({"geofence_decision": decision})
        self._tell_rep(message, JUDGED_SUBTYPE)
        return True

    @client_action(single=True)
    def action_correct_check_in(self):
        """Opens the wizard in which a manager corrects the facts, with a reason."""
        self._check_can_correct()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct Check-in"),
            "res_model": "visit.check.in.correction",
            "view_mode": "form",
            "target": "new",
            "context": {"default_report_id": self.id},
        }

    def _check_can_correct(self):
        for report in self:
            if report.state not in DONE_STATES:
                raise UserError(
                    self.env._(
                        "The rep checks in again on %(report)s: only the facts of "
                        "a submitted report are corrected.",
                        report=report.name,
                    )
                )
            if not report._can_review():
                raise UserError(
                    self.env._(
                        "Only the manager of the rep's sales team corrects the "
                        "check-in of %(report)s.",
                        report=report.name,
                    )
                )

    @client_action(single=True)
    def action_use_check_in_times(self):
        """The rep takes the check-in and check-out times as the visit's Start
        and End. Written as the rep: the same rights as editing them."""
        if not self.checkin_time:
            raise UserError(self.env._("Check in before taking its time."))
        end = self.checkout_time or self.end_datetime
        self.write(
            {
                "start_datetime": self.checkin_time,
                "end_datetime": end if end and end >= self.checkin_time else False,
            }
        )
        return True
