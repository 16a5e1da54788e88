# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.visit_management.models.visit_demo import SURNAMES, chinese_name

from .property_resident_callback import FINISHED_STATES

# The same demo on every install: one seeded random generator.
SEED = 2026
# Per estate (xml id): buildings, floors, units per floor, and whether it is the
# new estate, where only the households that moved in these two months live.
ESTATES = [
    ("visit_management_property.property_estate_jinxiu_demo", 6, 12, 2, False),
    ("visit_management_property.property_estate_cuihu_demo", 5, 16, 2, True),
]
COMPLAINTS = [
    ("cleaning", "楼道垃圾两天没有清运，气味很大。", True),
    ("security", "夜间有外来人员随意进出小区，门岗没有登记。", True),
    ("parking", "地下车库车位被其他车辆长期占用。", False),
    ("neighbour", "楼上住户深夜装修，噪音扰民。", False),
    ("greening", "小区绿化带杂草丛生，很久没有修剪。", True),
    ("service", "打电话到管理处报修，客服态度冷淡。", True),
    ("fees", "物业费账单金额与合同不一致。", True),
    ("maintenance", "电梯经常停运，维修不及时。", True),
]
RESOLUTIONS = [
    "已安排保洁加班清理，并调整清运频次为每日两次。",
    "已与相关人员沟通，问题已整改，向住户致歉。",
    "已协调相关住户，约定施工时间，问题已解决。",
]
REPAIRS = [
    ("leak", "卫生间天花板渗水。"),
    ("leak", "阳台窗户下方漏水。"),
    ("drain", "厨房下水道堵塞。"),
    ("drain", "卫生间地漏返味、排水慢。"),
    ("water_fitting", "厨房水龙头损坏需更换。"),
    ("electrical", "客厅插座没电。"),
    ("other", "入户门锁损坏。"),
]
OPINIONS = [
    "对维修师傅的服务很满意。",
    "希望管理处多组织社区活动。",
    "建议增加小区夜间巡逻。",
    "处理及时，没有其他意见。",
    "希望电梯维护更及时一些。",
]
CARE_NOTES = ["独居老人", "烈属", "重病患者家庭"]
# Why the estate manager closes a complaint whose resident never answered.
UNREACHABLE_CLOSE_REASON = "住户长期在外地，已电话告知其家属处理结果。"


def _at(day, hour):
    """A UTC datetime for a Shanghai (UTC+8) hour of a day."""
    return datetime.combine(day, time()) + timedelta(hours=hour - 8)


class PropertyDemo(models.AbstractModel):
    """The demo data of the property addon (demo/property_demo.xml), generated
    relative to the day of the install. The office users, the two estates and a
    past festival come from the XML; this creates their buildings and a few
    hundred units, the residents (some with care flags), the complaints, repairs
    and an incident of the last three months, and the resident callbacks that
    the automatic rules make of them, moved through every state."""

    _name = "property.demo"
    _description = "Property Demo Data"

    @api.model
    def _generate(self):
        # no e-mail to the office users: they read their activities in Odoo
        demo = self.with_context(mail_activity_quick_update=True)
        rng = random.Random(SEED)
        today = fields.Date.context_today(demo)
        estates = demo.env["property.estate"].browse(
            [demo.env.ref(estate[0]).id for estate in ESTATES]
        )
        residents = demo._generate_residents(rng, today)
        rules = demo.env["property.callback.rules"]
        rules._move_in_callbacks(estates)
        complaints = demo._generate_complaints(rng, residents, today)
        repairs = demo._generate_repairs(rng, residents, today)
        incident = demo._generate_incident(residents, today)
        for records in (complaints, repairs, incident):
            rules._origin_callbacks(records.filtered(lambda r: r.state != "new"))
        festival = demo.env.ref(
            "visit_management_property.property_festival_chongyang_demo"
        )
        rules._festival_visits(festival, estates)
        festival._mark_done()
        rules._routine_callbacks(estates)
        demo._move_callbacks(rng, estates, today)
        demo._close_complaints(complaints)
        last_month = today.replace(day=1) - relativedelta(months=1)
        demo.env["property.callback.assessment"]._assess(last_month, estates)
        # the buildings, units and assessments go with the estates; the callbacks
        # point to the complaints, repairs and incident
        office_records = [
            demo.env[model].search([("estate_id", "in", estates.ids)])
            for model in (
                "property.complaint",
                "property.repair.request",
                "property.incident",
                "property.resident.callback",
            )
        ]
        demo.env["visit.demo"]._add_xmlids(
            "visit_management_property", [residents, *office_records]
        )
        return True

    # ------------------------------------------------------------------
    # Buildings, units and residents
    # ------------------------------------------------------------------
    @api.model
    def _generate_residents(self, rng, today):
        """The estates' buildings and units, and their residents: an owner (or a
        tenant) per household and often a family member; some are aged and live
        without their children, some are disabled. The old estate's households
        moved in years ago; in the new one, many moved in last month (a mass
        move-in) and a few this month, and the other units are still empty."""
        Building = self.env["property.building"]
        Unit = self.env["property.unit"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        Partner = self.env["res.partner"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        resident_vals = []
        this_month = today.replace(day=1)
        last_month = this_month - relativedelta(months=1)
        for xmlid, buildings, floors, per_floor, new in ESTATES:
            estate = self.env.ref(xmlid)
            buildings = Building.create(
                [
                    {
                        "name": f"{number}号楼",
                        "sequence": number,
                        "estate_id": estate.id,
                        "floor_count": floors,
                    }
                    for number in range(1, buildings + 1)
                ]
            )
            units = Unit.create(
                [
                    {
                        "name": f"{floor}{door:02d}",
                        "building_id": building.id,
                        "estate_id": estate.id,
                        "floor": floor,
                        "area": rng.choice([78.5, 89.0, 96.3, 118.6, 135.2]),
                    }
                    for building in buildings
                    for floor in range(1, floors + 1)
                    for door in range(1, per_floor + 1)
                ]
            )
            for index, unit in enumerate(units):
                if new and index >= 60:
                    continue  # not moved in yet
                if not new:
                    moved_in = today - timedelta(days=rng.randint(400, 3600))
                elif index < 45:
                    moved_in = last_month + timedelta(days=rng.randint(0, 27))
                else:
                    moved_in = this_month + timedelta(
                        days=rng.randint(0, today.day - 1)
                    )
                resident_vals.extend(
                    self._household_values(rng, unit, moved_in, today, index)
                )
        return Partner.create(resident_vals)

    @api.model
    def _household_values(self, rng, unit, moved_in, today, index):
        """An owner or tenant, sometimes with a family member; one household in
        29 has a disabled resident, one in 41 another key resident."""
        surname = rng.choice(SURNAMES)
        age = rng.randint(28, 88)
        aged = age >= 60
        owner = {
            "name": chinese_name(rng, surname),
            "resident_unit_id": unit.id,
            "resident_role": "tenant" if rng.random() < 0.1 else "owner",
            "resident_move_in_date": moved_in,
            "resident_birth_date": today
            - relativedelta(years=age, days=rng.randint(1, 360)),
            "resident_disabled": index % 29 == 3,
            "resident_without_children": aged and rng.random() < 0.4,
            "phone": f"13{rng.randint(0, 10**9 - 1):09d}",
        }
        if index % 41 == 5:
            owner.update(resident_key=True, resident_key_note=rng.choice(CARE_NOTES))
        household = [owner]
        if rng.random() < 0.5:
            household.append(
                {
                    # a spouse keeps their own surname, a child has the owner's
                    "name": chinese_name(rng, surname if rng.random() < 0.7 else None),
                    "resident_unit_id": unit.id,
                    "resident_role": "family",
                    "resident_move_in_date": moved_in,
                    "resident_birth_date": today
                    - relativedelta(years=rng.randint(5, 85), days=rng.randint(1, 360)),
                }
            )
        return household

    # ------------------------------------------------------------------
    # Complaints, repairs, the incident
    # ------------------------------------------------------------------
    @api.model
    def _generate_complaints(self, rng, residents, today):
        """Complaints of the last three months: the older ones resolved (to be
        closed once called back), the recent ones new or in progress."""
        households = residents.filtered(lambda r: r.resident_role != "family")
        vals_list = []
        # some complaints of the last days, the others of the last three months
        for days in [*rng.sample(range(8, 90), 26), 6, 5, 2, 1]:
            category, text, by_management = rng.choice(COMPLAINTS)
            resident = rng.choice(households)
            received = _at(today - timedelta(days=days), rng.randint(8, 20))
            vals = {
                "resident_id": resident.id,
                "category": category,
                "description": text,
                "caused_by_management": by_management,
                "received_datetime": received,
                "handler_id": resident.resident_estate_id.manager_id.id,
            }
            if days > 7:
                vals.update(
                    state="resolved",
                    answered_datetime=received + timedelta(hours=2),
                    resolved_datetime=received + timedelta(days=rng.randint(1, 4)),
                    resolution=rng.choice(RESOLUTIONS),
                )
            elif days > 3:
                vals.update(
                    state="in_progress",
                    answered_datetime=received + timedelta(hours=1),
                )
            vals_list.append(vals)
        return self.env["property.complaint"].sudo().create(vals_list)

    @api.model
    def _generate_repairs(self, rng, residents, today):
        """Repair requests of the last three months: done, assigned to the
        technician, or new."""
        households = residents.filtered(lambda r: r.resident_role != "family")
        categories = {
            category.code: category
            for category in self.env["property.repair.category"].search([])
        }
        technician = self.env.ref("visit_management_property.user_technician_demo")
        vals_list = []
        for days in [*rng.sample(range(5, 90), 41), 3, 2, 1, 0]:
            code, text = rng.choice(REPAIRS)
            requested = min(
                _at(today - timedelta(days=days), rng.randint(8, 19)),
                fields.Datetime.now() - timedelta(minutes=30),
            )
            vals = {
                "resident_id": rng.choice(households).id,
                "category_id": categories[code].id,
                "description": text,
                "requested_datetime": requested,
            }
            if days > 4:
                vals.update(
                    state="done",
                    technician_id=technician.id,
                    assigned_datetime=requested + timedelta(hours=1),
                    done_datetime=requested + timedelta(hours=rng.randint(3, 48)),
                    work_done="已上门维修，经住户确认正常使用。",
                )
            elif days > 1:
                vals["technician_id"] = technician.id
            vals_list.append(vals)
        repairs = self.env["property.repair.request"].sudo().create(vals_list)
        supervisor = self.env.ref(
            "visit_management_property.user_repair_supervisor_demo"
        )
        assigned = repairs.filtered(lambda r: r.state == "new" and r.technician_id)
        assigned.with_user(supervisor).action_assign()
        for repair in assigned:
            repair.sudo().write(
                {"assigned_datetime": repair.requested_datetime + timedelta(hours=1)}
            )
        return repairs

    @api.model
    def _generate_incident(self, residents, today):
        """A burst pipe at a resident's home three weeks ago, registered and
        closed (《突发事件情况处理登记表》)."""
        resident = residents.filtered(
            lambda r: (
                r.resident_role == "owner"
                and r.resident_estate_id
                == self.env.ref("visit_management_property.property_estate_jinxiu_demo")
            )
        )[7]
        occurred = _at(today - timedelta(days=21), 6)
        estate = resident.resident_estate_id
        return (
            self.env["property.incident"]
            .sudo()
            .create(
                {
                    "resident_id": resident.id,
                    "incident_type": "water",
                    "incident_datetime": occurred,
                    "reported_by": f"{resident.name}（业主）",
                    "arrival_datetime": occurred + timedelta(minutes=15),
                    "responder_ids": [
                        (6, 0, (estate.manager_id | estate.repair_supervisor_id).ids)
                    ],
                    "description": "住户家中厨房进水总阀爆裂，水漫至客厅并渗到楼下。",
                    "emergency_actions": "关闭楼栋进水总阀，抽排积水，通知楼下住户。",
                    "cause": "进水阀老化开裂。",
                    "loss": "木地板及楼下天花板受损，无人员受伤。",
                    "preventive_measures": "排查全楼栋同批次进水阀，提醒住户定期检查。",
                    "follow_up": "管理处主任上门慰问，协助办理保险理赔。",
                    "state": "closed",
                    "closed_datetime": occurred + timedelta(days=2),
                }
            )
        )

    # ------------------------------------------------------------------
    # Callbacks
    # ------------------------------------------------------------------
    @api.model
    def _move_callbacks(self, rng, estates, today):
        """The callbacks due so far were mostly done, on time or a little late,
        with the residents' satisfaction; a few residents could not be reached
        by phone after three tries, a few callbacks were cancelled, some are
        still to do (overdue). One done callback asks for a repair."""
        callbacks = self.env["property.resident.callback"].search(
            [("estate_id", "in", estates.ids), ("state", "=", "todo")],
            order="due_date, id",
        )
        leak = self.env.ref("visit_management_property.repair_category_leak")
        follow_up = unreachable = True
        for callback in callbacks:
            draw = rng.random()
            past = callback.due_date <= today
            caller = callback.with_user(callback.user_id)
            if past and callback.method == "phone" and unreachable:
                draw, unreachable = 0.75, False  # the first one is unreachable
            if past and draw < 0.72 or not past and draw < 0.1:
                values = {
                    "satisfaction": rng.choice("45553"),
                    "opinions": rng.choice(OPINIONS),
                }
                if follow_up and callback.callback_type == "repair":
                    follow_up = False
                    values.update(
                        follow_up_needed=True,
                        follow_up_type="repair",
                        follow_up_repair_category_id=leak.id,
                        problems="维修后仍有少量渗水，需要再次上门。",
                    )
                callback.write(values)
                caller.action_done()
                done = min(
                    callback.due_date + timedelta(days=rng.choice([-3, -1, 0, 0, 2])),
                    today,
                )
                callback.sudo().write({"done_datetime": _at(done, 15)})
            elif past and draw < 0.8 and callback.method == "phone":
                for _attempt in range(
                    callback.company_id.property_callback_max_attempts
                ):
                    caller.action_no_answer()
            elif past and draw < 0.86:
                caller.action_cancel()

    @api.model
    def _close_complaints(self, complaints):
        """The resolved complaints that were called back (or need no callback)
        are closed."""
        to_close = complaints.filtered(
            lambda c: (
                c.state == "resolved"
                and (
                    not c.callback_required
                    or any(cb.state in FINISHED_STATES for cb in c.callback_ids)
                )
            )
        )
        for complaint in to_close:
            if not any(cb.state == "done" for cb in complaint.callback_ids):
                # unreachable by phone: the estate's manager decides
                complaint.with_user(complaint.estate_id.manager_id).write(
                    {"unreachable_close_reason": UNREACHABLE_CLOSE_REASON}
                )
            complaint.with_user(complaint.handler_id).action_close()
            complaint.sudo().write(
                {"closed_datetime": complaint.resolved_datetime + timedelta(days=5)}
            )
