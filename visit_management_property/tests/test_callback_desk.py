# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval

from .common import PropertyCommon

TODAY = date(2027, 3, 10)


def default_search_domain(env, action_xmlid):
    """The domain of the action's default filters, combined as the web client
    does: the filters of one group (between separators) are OR-ed, the groups
    AND-ed."""
    action = env["ir.actions.act_window"]._for_xml_id(action_xmlid)
    context = safe_eval(action.get("context") or "{}", {"uid": env.uid})
    defaults = {
        key.removeprefix("search_default_")
        for key, value in context.items()
        if key.startswith("search_default_") and value
    }
    arch = env[action["res_model"]].get_views([(False, "search")])["views"]["search"]
    groups = [[]]
    for node in etree.fromstring(arch["arch"]):
        if node.tag == "separator":
            groups.append([])
        elif node.tag == "filter" and node.get("name") in defaults:
            groups[-1].append(
                Domain(
                    safe_eval(
                        node.get("domain"),
                        {"uid": env.uid, "context_today": lambda: TODAY},
                    )
                )
            )
    return Domain.AND(Domain.OR(group) for group in groups if group)


@freeze_time(TODAY)
class TestCallbackDesk(PropertyCommon):
    """What the caller sees of a callback: the resident's phone and what he
    complained about, his own callbacks to do with the overdue ones first and
    flagged, and the open complaints."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner.phone = "+86 21 5555 0101"

    def test_phone_and_origin_text_as_the_caller(self):
        complaint = self._create_complaint(user=self.office_user)
        repair = self._create_repair(user=self.office_user)
        callbacks = self._create_callback(
            callback_type="complaint", complaint_id=complaint.id
        ) | self._create_callback(callback_type="repair", repair_id=repair.id)
        values = callbacks.with_user(self.office_user).web_read(
            {"resident_phone": {}, "origin_description": {}}
        )
        self.assertEqual(
            [(v["resident_phone"], v["origin_description"]) for v in values],
            [
                ("+86 21 5555 0101", "Nobody answered the service phone at night."),
                ("+86 21 5555 0101", "Water drips from the bathroom ceiling."),
            ],
        )
        routine = self._create_callback()
        self.assertFalse(routine.with_user(self.office_user).origin_description)

    def test_origin_text_follows_the_record_rules(self):
        # a complaint of the other estate followed up by a callback of this one:
        # the caller reads the callback, not the other office's complaint
        complaint = self._create_complaint(resident=self.owner_b)
        callback = self._create_callback(
            callback_type="complaint", complaint_id=complaint.id
        )
        as_caller = callback.with_user(self.office_user)
        self.assertFalse(complaint.with_user(self.office_user).has_access("read"))
        self.assertEqual(as_caller.resident_phone, "+86 21 5555 0101")
        self.assertFalse(as_caller.origin_description)
        self.assertEqual(
            callback.with_user(self.manager).origin_description,
            "Nobody answered the service phone at night.",
        )
        self.assertEqual(
            self.env["property.resident.callback"]._fields["resident_phone"].groups,
            "visit_management.group_visit_user",
        )

    def test_mine_to_do_with_the_overdue_first(self):
        def create(due_days, user, state="todo"):
            callback = self._create_callback(
                due_date=TODAY + timedelta(days=due_days), user_id=user.id
            )
            callback.sudo().state = state
            return callback

        later = create(5, self.office_user)
        overdue = create(-10, self.office_user)
        today = create(0, self.office_user)
        yesterday = create(-1, self.office_user)
        create(-20, self.office_user, state="done")
        create(-30, self.office_manager)
        Callback = self.env["property.resident.callback"].with_user(self.office_user)
        domain = default_search_domain(
            Callback.env, "visit_management_property.property_resident_callback_action"
        )
        self.assertEqual(Callback.search(domain), overdue | yesterday | today | later)
        self.assertEqual(
            (overdue | yesterday | today | later).mapped("is_overdue"),
            [True, True, False, False],
        )
        self.assertEqual(
            Callback.search(domain & Domain("is_overdue", "=", True)),
            overdue | yesterday,
        )
        self.assertEqual(
            Callback.search(domain & Domain("is_overdue", "!=", True)), today | later
        )

    def test_complaints_open_by_default(self):
        open_complaint = self._create_complaint(user=self.office_user)
        closed = self._create_complaint(user=self.office_user)
        closed.sudo().state = "closed"
        Complaint = self.env["property.complaint"].with_user(self.office_user)
        domain = default_search_domain(
            Complaint.env, "visit_management_property.property_complaint_action"
        )
        self.assertEqual(Complaint.search(domain), open_complaint)
