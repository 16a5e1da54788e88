# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import logging
import random
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, file_open

_logger = logging.getLogger(__name__)

# The same demo on every install: one seeded random generator.
SEED = 2026
# The generator's cities, one per demo sales team: the team's xml id, the city,
# its province (state xml id), its centre, its postcode prefix and phone code,
# how many customers, and the roads of its customers' addresses.
CITIES = [
    (
        "visit_management.crm_team_shanghai_demo",
        "上海",
        "base.state_cn_SH",
        (31.2304, 121.4737),
        "200",
        "021",
        80,
        [
            "南京西路",
            "淮海中路",
            "张江路",
            "漕溪北路",
            "四川北路",
            "世纪大道",
            "虹桥路",
        ],
    ),
    (
        "visit_management.crm_team_hangzhou_demo",
        "杭州",
        "base.state_cn_ZJ",
        (30.2741, 120.1551),
        "310",
        "0571",
        70,
        ["延安路", "文三路", "庆春路", "滨盛路", "莫干山路", "钱江路"],
    ),
    (
        "visit_management.crm_team_suzhou_demo",
        "苏州",
        "base.state_cn_JS",
        (31.2990, 120.5853),
        "215",
        "0512",
        50,
        ["干将路", "人民路", "星湖街", "苏州大道", "长江路"],
    ),
]
TIER_WEIGHTS = {"a": 12, "b": 23, "c": 35, "d": 30}
BRANDS = [
    "恒信",
    "华联",
    "东方",
    "永泰",
    "瑞丰",
    "宏达",
    "金桥",
    "天成",
    "嘉和",
    "鼎盛",
    "新世纪",
    "中宇",
    "博远",
    "兴业",
    "亚泰",
    "凯瑞",
    "德诚",
    "汇通",
    "长城",
    "海纳",
    "万达利",
    "锦程",
    "信达",
    "国泰",
    "丰源",
    "百川",
    "远航",
    "华盛",
    "精工",
    "同创",
]
INDUSTRIES = [
    ("机电设备", "工业自动化设备、电机及配件的销售与维修"),
    ("电子科技", "电子元器件、传感器的研发与销售"),
    ("食品", "预包装食品批发、冷链配送"),
    ("建材", "建筑材料、装饰材料的批发与零售"),
    ("物流", "道路货运、仓储服务、供应链管理"),
    ("医药", "药品、医疗器械批发"),
    ("包装材料", "纸箱、塑料包装制品的生产与销售"),
    ("化工", "化工原料及产品（不含危险品）销售"),
    ("纺织", "纺织面料、服装辅料的生产与贸易"),
    ("商贸", "日用百货、五金交电的批发与零售"),
]
# Chinese names: a surname and a given name (of one or two characters).
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭沈"
GIVEN_NAMES = [
    *"伟芳娜敏静丽强磊军洋勇艳杰涛明超华平刚",
    *("秀英", "桂英", "建华", "志明", "海燕", "晓东", "文博", "雪梅", "国庆"),
    *("春生", "玉兰", "立新", "红梅", "桂兰", "建国", "淑珍", "玉梅", "志刚"),
    *("海波", "小红", "文杰", "雅婷", "德华", "春花"),
]
FUNCTIONS = ["总经理", "采购经理", "技术总监", "财务经理", "仓储主管", "副总经理"]
CUSTOMER_NEEDS = [
    "希望缩短春季订单的交货周期，旺季前备足库存。",
    "询问新一代产品的能耗参数，准备替换旧设备。",
    "对账期有要求，希望从60天延长到90天。",
    "需要我方派技术人员到现场做一次操作培训。",
    "反映上批货物外包装破损较多，要求改进包装。",
    "计划扩建二期仓库，需要整体解决方案报价。",
]
MARKET_INFO = [
    "竞争对手近期推出年度合同九五折优惠。",
    "同行业客户普遍压缩采购预算，价格敏感度上升。",
    "本地新开两家经销商，价格比我方低约5%。",
    "原材料价格上涨，客户预计下季度提价。",
    "市场整体平稳，客户对我方服务评价较好。",
]
VISIT_EFFECTS = [
    "客户确认下月订单，数量较上月增加约10%。",
    "初步达成合作意向，待报价后进一步洽谈。",
    "收回上月货款，客户承诺按期付款。",
    "客户对新品兴趣较大，要求提供样品试用。",
    "关系维护良好，客户愿意推荐同行业客户。",
]
OPINIONS = [
    "希望售后响应更快一些。",
    "对送货司机的服务态度表示满意。",
    "建议增加线上下单渠道。",
    "",
]
URGENT_MATTERS = [
    ("competitor_policy", "竞争对手对该客户报出大幅降价，客户要求我方一周内回复。"),
    ("competitor_product", "竞争对手新品已在客户处试用，性能接近我方主力产品。"),
    ("product_defect", "客户反映我方一批产品出现批量质量问题，需立即处理。"),
]
RETURN_REASONS = [
    "拜访内容过于简单，请补充客户需求和竞争对手信息。",
    "未写明拜访效果和后续安排，请补充后重新提交。",
]
PLAN_REJECTION = "C类客户的上门拜访没有安排，请补充后重新提交。"
TOPICS = [
    "下月订货计划",
    "新品推介及样品试用",
    "货款结算",
    "售后问题回访",
    "年度合作协议续签",
    "竞争对手动态了解",
]
PURPOSES = [
    "relationship",
    "payment_collection",
    "new_product",
    "market_research",
    "competitor_intelligence",
    "coverage",
    "service",
]


def _local(day, hour, minute=0):
    """A UTC datetime for a Shanghai (UTC+8) working hour of a day."""
    return datetime.combine(day, time(hour - 8, minute))


def _workday(rng, first, last):
    """A random day between two days, a weekday when there is one."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    weekdays = [day for day in days if day.weekday() < 5]
    return rng.choice(weekdays or days)


def chinese_name(rng, surname=None):
    """A random Chinese name, of the surname given if any."""
    return (surname or rng.choice(SURNAMES)) + rng.choice(GIVEN_NAMES)


def _html(text):
    return f"<p>{text}</p>" if text else False


class VisitDemo(models.AbstractModel):
    """The demo data of the visit addon (demo/visit_demo.xml): a believable
    company generated relative to the day of the install, so that it always
    looks current. The users, teams and meeting rooms come from the XML; this
    creates 200 customers with their contacts, the plans and reports of the last
    three months, last month's assessment and receptions in every state."""

    _name = "visit.demo"
    _description = "Demo Data"

    @api.model
    def _setup_company(self):
        """The demo company: a Shanghai supplier of industrial equipment, with
        its logo, keeping its books in yuan (unless it already has accounting
        entries in another currency: Odoo refuses the change then, when an
        accounting demo was installed first). Written and flushed without
        chatter tracking: the uninstall leaves nothing of it behind."""
        company = self.env.ref("base.main_company").with_context(tracking_disable=True)
        with file_open("visit_management/demo/company_logo_demo.png", "rb") as logo:
            company.write(
                {
                    "name": "上海华瑞工业科技有限公司",
                    "street": "张江路1388号",
                    "street2": "华瑞总部大楼",
                    "city": "上海",
                    "state_id": self.env.ref("base.state_cn_SH").id,
                    "zip": "201203",
                    "country_id": self.env.ref("base.cn").id,
                    "phone": "021-5080 6688",
                    "email": "info@huarui.example.com",
                    "website": "https://www.huarui.example.com",
                    "logo": base64.b64encode(logo.read()),
                }
            )
        # what is computed from these (bank account holders...) untracked too
        company.env.flush_all()
        try:
            with self.env.cr.savepoint():
                company.currency_id = self.env.ref("base.CNY")
        except UserError as error:
            _logger.info("The demo company keeps its currency: %s", error)

    @api.model
    def _generate(self):
        # no assignment notices (the meetings email nobody anyway)
        demo = self.with_context(mail_activity_quick_update=True)
        rng = random.Random(SEED)
        today = fields.Date.context_today(demo)
        now = fields.Datetime.now()
        teams = [demo.env.ref(city[0]) for city in CITIES]
        customers = demo._generate_customers(rng, teams)
        # the customers have been on the books for a year: the frequency rules
        # count from a customer's creation until its first visit, so customers
        # created today would owe no visit last month
        demo._backdate(customers | customers.child_ids, today - relativedelta(years=1))
        plans = demo._generate_plans(rng, teams, customers, today)
        reports = demo._generate_reports(rng, plans, now)
        last_month = today.replace(day=1) - relativedelta(months=1)
        assessments = demo.env["visit.assessment"]._assess_month(last_month)
        receptions = demo._generate_receptions(rng, teams, customers, now)
        # the meetings of past visits and receptions were cleared from the to-dos
        past_meetings = demo.env["mail.activity"].search(
            [
                ("activity_type_id.category", "=", "meeting"),
                ("date_deadline", "<", today),
            ]
        )
        ours = {(record._name, record.id) for record in (*plans.values(), *receptions)}
        past_meetings.filtered(lambda a: (a.res_model, a.res_id) in ours).unlink()
        # the plans' lines, the meetings, activities and messages go with these
        demo._add_xmlids(
            "visit_management",
            [
                customers | customers.child_ids,
                *plans.values(),
                reports,
                assessments,
                receptions,
            ],
        )
        return True

    @api.model
    def _backdate(self, records, day):
        """Sets the records' creation date (which the ORM keeps to itself)."""
        records.flush_recordset()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET create_date = %s WHERE id = ANY(%s)",
                SQL.identifier(records._table),
                datetime.combine(day, time(1, 0)),
                records.ids,
            )
        )
        records.invalidate_recordset(["create_date"])

    @api.model
    def _add_xmlids(self, module, recordsets):
        """Gives generated demo records xml ids of the module, as the XML's have,
        so that uninstalling the module deletes them. The uninstall deletes
        records in the reverse order of their xml ids: pass the records that
        others point to first."""
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": f"{module}.demo_{record._table}_{record.id}",
                    "record": record,
                    "noupdate": True,
                }
                for records in recordsets
                for record in records
            ]
        )

    # ------------------------------------------------------------------
    # Customers and contacts
    # ------------------------------------------------------------------
    @api.model
    def _generate_customers(self, rng, teams):
        """200 customers of the teams' cities, spread over the tiers, each claimed
        by a rep of the city's team, with a position near the city centre and two
        or three contacts (the A and B customers' are key contacts; a few of them
        have only two, under the minimum of three)."""
        Partner = self.env["res.partner"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        country = self.env.ref("base.cn")
        names = rng.sample(
            [(brand, industry) for brand in BRANDS for industry in INDUSTRIES], 200
        )
        vals_list = []
        for team, city in zip(teams, CITIES, strict=True):
            _xmlid, city_name, state, (lat, lon), zip_prefix, area, count, roads = city
            reps = team.member_ids.sorted("id")
            for n in range(count):
                brand, (industry, scope) = names.pop()
                vals_list.append(
                    {
                        "name": f"{city_name}{brand}{industry}有限公司",
                        "is_company": True,
                        "visit_tier": rng.choices(
                            list(TIER_WEIGHTS), weights=list(TIER_WEIGHTS.values())
                        )[0],
                        "user_id": reps[n % len(reps)].id,
                        "street": f"{rng.choice(roads)}{rng.randint(1, 1800)}号",
                        "city": city_name,
                        "state_id": self.env.ref(state).id,
                        "zip": f"{zip_prefix}{rng.randint(0, 999):03d}",
                        "country_id": country.id,
                        "phone": f"{area}-{rng.randint(5000_0000, 8999_9999)}",
                        "partner_latitude": round(lat + rng.uniform(-0.08, 0.08), 6),
                        "partner_longitude": round(lon + rng.uniform(-0.09, 0.09), 6),
                        "visit_business_scope": scope,
                    }
                )
        customers = Partner.create(vals_list)
        contact_vals = []
        for customer in customers:
            key = customer.visit_tier in ("a", "b")
            count = 3 if key and rng.random() > 0.15 else 2
            for function in rng.sample(FUNCTIONS, count):
                contact_vals.append(
                    {
                        "name": chinese_name(rng),
                        "parent_id": customer.id,
                        "type": "contact",
                        "function": function,
                        "phone": f"13{rng.randint(0, 10**9 - 1):09d}",
                        "visit_key_contact": key,
                        "visit_gender": rng.choice(["male", "female"]),
                    }
                )
        Partner.create(contact_vals)
        return customers

    # ------------------------------------------------------------------
    # Plans
    # ------------------------------------------------------------------
    @api.model
    def _generate_plans(self, rng, teams, customers, today):
        """The monthly plans of every rep for the two months before this one,
        this month and next month, through their workflow: submitted by the rep,
        approved by the manager; one plan a month rejected first, then revised
        and resubmitted. Next month's plans are still being made: drafts,
        submitted ones, a rejected one. Returns {(rep, month): plan}."""
        this_month = today.replace(day=1)
        months = [this_month + relativedelta(months=n) for n in (-2, -1, 0, 1)]
        reps = self.env["res.users"].browse(
            [rep.id for team in teams for rep in team.member_ids.sorted("id")]
        )
        by_rep = {
            rep: customers.filtered(lambda c, r=rep: c.user_id == r) for rep in reps
        }
        contacts = {c: c.child_ids.sorted("id") for c in customers}
        # a few customers are visited with the same contact every month
        stale = set(rng.sample(customers.ids, 16))
        Plan = self.env["visit.plan"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        plan_vals, keys = [], []
        for month_index, month in enumerate(months):
            month_end = month + relativedelta(months=1, days=-1)
            for position, rep in enumerate(reps):
                lines = []
                for index, customer in enumerate(by_rep[rep]):
                    # C and D customers are visited on site once a quarter: half
                    # of them two months ago, half last month, the first half
                    # again next month (the rules count from the last visit)
                    onsite = customer.visit_tier in ("a", "b") or (
                        (month_index - index % 2) % 3 == 0
                    )
                    # one rep in four leaves a customer or two out of the plan
                    if position % 4 == 0 and rng.random() < 0.08:
                        continue
                    people = contacts[customer]
                    contact = people[
                        0
                        if customer.id in stale
                        else (month_index + index) % len(people)
                    ]
                    day = _workday(rng, month, month_end)
                    lines.append(
                        {
                            "partner_id": customer.id,
                            "contact_id": contact.id,
                            "planned_datetime": _local(
                                day, rng.randint(9, 16), rng.choice([0, 30])
                            ),
                            "duration": rng.choice([1.0, 1.5, 2.0]) if onsite else 0.5,
                            "purpose": rng.choice(PURPOSES),
                            "visit_mode": "onsite" if onsite else "phone",
                            "topics": rng.choice(TOPICS),
                            "budget_amount": rng.choice([0, 0, 0, 200, 300, 500])
                            if onsite
                            else 0,
                        }
                    )
                plan_vals.append(
                    {
                        "user_id": rep.id,
                        "date_start": month,
                        "line_ids": [(0, 0, line) for line in lines],
                    }
                )
                keys.append((rep, month))
        plans = dict(zip(keys, Plan.create(plan_vals), strict=True))
        next_month = months[-1]
        for (rep, month), plan in plans.items():
            position = list(reps).index(rep)
            if month == next_month and position < 3:
                continue  # still a draft
            rep_plan = plan.with_user(rep)
            rep_plan.action_submit()
            manager_plan = plan.with_user(plan.manager_id)
            if position == (month.month % len(reps)) or (
                month == next_month and position in (3, 4)
            ):
                manager_plan._action_refuse(PLAN_REJECTION)
                if month == next_month and position == 3:
                    continue  # rejected, not revised yet
                rep_plan.action_reset_to_draft()
                rep_plan.action_submit()
            if month != next_month:
                manager_plan.action_approve()
            # submitted a few days before the deadline, one of them late
            late = month != next_month and position == 1 and month == months[1]
            plan.sudo().write(
                {
                    "submitted_date": min(
                        _local(
                            plan.submission_deadline
                            + timedelta(days=2 if late else -rng.randint(0, 4)),
                            rng.randint(9, 17),
                        ),
                        fields.Datetime.now(),
                    ),
                    "submitted_late": late,
                }
            )
        return plans

    # ------------------------------------------------------------------
    # Reports
    # ------------------------------------------------------------------
    @api.model
    def _generate_reports(self, rng, plans, now):
        """The reports of the planned visits that took place (the careless reps
        missed a few), and a few unplanned ones. Older reports are stored
        approved, as they were: mostly on time, some late, some checked in far
        from the customer or by hand, some urgent. The reports of the last ten days go
        through their workflow: submitted, some approved, some returned; the
        last three days' are partly still drafts. Last month, managers verified
        some visits by phone, and a few failed."""
        vals_list, recent = [], []
        # the reps who leave customers out of their plans also miss visits
        careless = list(dict.fromkeys(rep for rep, _month in plans))[::4]
        for (rep, _month), plan in plans.items():
            if plan.state != "approved":
                continue
            for line in plan.line_ids:
                end = line.planned_datetime + timedelta(hours=line.duration)
                if end > now or (rep in careless and rng.random() < 0.1):
                    continue
                vals = self._report_values(rng, line, rep, end, now)
                vals_list.append(vals)
        vals_list += self._unplanned_report_values(rng, plans, now)
        reports = (
            self.env["visit.report"]
            .sudo()
            .with_context(tracking_disable=True, mail_create_nolog=True)
            .create(vals_list)
        )
        for report, vals in zip(reports, vals_list, strict=True):
            if vals["state"] == "draft" and vals["end_datetime"] > now - timedelta(
                days=10
            ):
                recent.append(report)
        self._review_reports(rng, reports.browse([r.id for r in recent]), now)
        self._verify_reports(rng, reports, now)
        return reports

    @api.model
    def _unplanned_report_values(self, rng, plans, now):
        """A dozen phone calls the reps made without planning them, when a
        customer called about a problem, in the last two months."""
        customers = {
            line.partner_id for plan in plans.values() for line in plan.line_ids
        }
        vals_list = []
        for customer in rng.sample(sorted(customers, key=lambda c: c.id), 12):
            day = _workday(
                rng,
                (now - timedelta(days=60)).date(),
                (now - timedelta(days=12)).date(),
            )
            start = _local(day, rng.randint(9, 16))
            vals_list.append(
                {
                    "user_id": customer.user_id.id,
                    "partner_id": customer.id,
                    "contact_id": customer.child_ids[-1].id,
                    "visit_mode": "phone",
                    "purpose": "service",
                    "start_datetime": start,
                    "end_datetime": start + timedelta(minutes=20),
                    "customer_needs": _html(rng.choice(CUSTOMER_NEEDS)),
                    "visit_effect": _html("已答复客户，安排售后跟进。"),
                    "state": "approved",
                    "submitted_date": start + timedelta(hours=2),
                }
            )
        return vals_list

    @api.model
    def _report_values(self, rng, line, rep, end, now):
        start = line.planned_datetime
        customer = line.partner_id
        vals = {
            "user_id": rep.id,
            "plan_line_id": line.id,
            "partner_id": customer.id,
            "contact_id": line.contact_id.id,
            "contact_is_decision_maker": line.contact_id.function
            in ("总经理", "副总经理"),
            "visit_mode": line.visit_mode,
            "purpose": line.purpose,
            "start_datetime": start,
            "end_datetime": end,
            "customer_needs": _html(rng.choice(CUSTOMER_NEEDS)),
            "market_info": _html(rng.choice(MARKET_INFO)),
            "visit_effect": _html(rng.choice(VISIT_EFFECTS)),
            "opinions": _html(rng.choice(OPINIONS)),
            "is_business": rng.random() < 0.3,
        }
        if line.visit_mode == "onsite":
            vals.update(self._check_in_values(rng, customer, start))
        if rng.random() < 0.04:
            category, text = rng.choice(URGENT_MATTERS)
            vals.update(
                is_urgent=True,
                urgent_category=category,
                market_info=_html(text),
            )
        deadline_hours = line.company_id.visit_report_deadline_hours
        late = rng.random() < 0.12
        delay = (
            rng.uniform(deadline_hours + 2, deadline_hours * 3)
            if late
            else rng.uniform(0.5, deadline_hours - 4)
        )
        submitted = end + timedelta(hours=delay)
        if end > now - timedelta(days=10) or submitted > now:
            vals["state"] = "draft"  # submitted below through the workflow
        else:
            vals.update(
                state="approved",
                submitted_date=submitted,
                submitted_late=late,
            )
        return vals

    @api.model
    def _check_in_values(self, rng, customer, start):
        """How an on-site visit was checked in: mostly by GPS near the customer,
        some far away (not in place), some by QR code, by hand, or not at all."""
        draw = rng.random()
        if draw < 0.05:
            return {}
        checked_in = start - timedelta(minutes=rng.randint(1, 10))
        if draw < 0.1:
            return {"checkin_method": "manual", "checkin_time": checked_in}
        far = draw > 0.9
        offset = rng.uniform(0.012, 0.05) if far else rng.uniform(0.0002, 0.002)
        latitude = customer.partner_latitude + rng.choice([-1, 1]) * offset
        longitude = customer.partner_longitude + rng.choice([-1, 1]) * offset
        if draw < 0.16:
            # the label at the customer's reception, the phone's position with it
            return {
                "checkin_method": "qr",
                "checkin_time": checked_in,
                "checkin_latitude": latitude,
                "checkin_longitude": longitude,
                "checkin_accuracy": rng.choice([8, 12, 20]),
            }
        # a few left after a few minutes: too short a stay to count
        stay = rng.randint(3, 8) if 0.85 < draw <= 0.9 else rng.randint(20, 90)
        return {
            "checkin_method": "gps",
            "checkin_time": checked_in,
            "checkin_latitude": latitude,
            "checkin_longitude": longitude,
            "checkin_accuracy": rng.choice([8, 12, 20, 35, 60]),
            "checkout_method": "gps",
            "checkout_time": checked_in + timedelta(minutes=stay),
            "checkout_latitude": latitude,
            "checkout_longitude": longitude,
            "checkout_accuracy": rng.choice([8, 12, 20]),
            "checkin_outside_reason": far
            and rng.choice(
                [
                    "客户临时改在新仓库见面。",
                    "客户门店搬迁，地址尚未更新。",
                    "在客户的展会展位拜访。",
                ]
            ),
        }

    @api.model
    def _review_reports(self, rng, reports, now):
        """The last ten days' reports through their workflow, newest first: of
        the last three days' reports, every other one is still a draft; the rep
        submits the others (an urgent one goes to the manager at once); of the
        older ones, the manager returns one in six and leaves one in five to
        review, and approves the others."""
        reviewed = 0
        for n, report in enumerate(reports.sorted("start_datetime", reverse=True)):
            recent = now - report.end_datetime < timedelta(days=3)
            if recent and n % 2 == 0:
                continue  # still a draft
            rep_report = report.with_user(report.user_id)
            values = {}
            if n == 3 and not report.is_urgent:
                category, text = URGENT_MATTERS[0]
                values.update(
                    is_urgent=True, urgent_category=category, market_info=_html(text)
                )
            if rng.random() < 0.25:
                values["commitment_ids"] = [
                    (
                        0,
                        0,
                        {
                            "name": "寄送新品样品及报价单",
                            "deadline": report.visit_date + timedelta(days=7),
                        },
                    )
                ]
            rep_report.write(values)
            rep_report.action_submit()
            hours = report.company_id.visit_report_deadline_hours * (
                2.5 if rng.random() < 0.15 else rng.uniform(0.05, 0.8)
            )
            submitted = min(report.end_datetime + timedelta(hours=hours), now)
            report.sudo().write(
                {
                    "submitted_date": submitted,
                    "submitted_late": submitted > report.report_deadline,
                }
            )
            if recent:
                continue
            reviewed += 1
            manager_report = report.with_user(report.manager_id)
            if reviewed % 6 == 2:
                manager_report._action_refuse(rng.choice(RETURN_REASONS))
            elif reviewed % 5 != 4:
                manager_report.action_approve()

    @api.model
    def _verify_reports(self, rng, reports, now):
        """Last month, each manager called back a few customers to verify the
        visits (外呼核实); two of them failed."""
        last_month = now.date().replace(day=1) - relativedelta(months=1)
        approved = reports.filtered(
            lambda r: (
                r.state == "approved"
                and r.visit_date >= last_month
                and r.visit_date < last_month + relativedelta(months=1)
            )
        )
        for n, report in enumerate(rng.sample(list(approved), min(12, len(approved)))):
            report.with_user(report.manager_id).write(
                {
                    "verification_done": True,
                    "verification_score": rng.randint(20, 50)
                    if n < 2
                    else rng.randint(70, 100),
                }
            )

    # ------------------------------------------------------------------
    # Receptions
    # ------------------------------------------------------------------
    @api.model
    def _generate_receptions(self, rng, teams, customers, now):
        """Customers' visits to the company in every state: done ones in the
        last months (rated by the host or the visitors, with next steps, one
        agreement signed and one incident), one in progress now, confirmed and
        requested ones to come (one with a special request), cancelled ones."""
        rooms = [
            self.env.ref(f"visit_management.visit_meeting_room_{name}_demo")
            for name in ("large", "small", "vip")
        ]
        receptionist = self.env.ref("visit_management.user_reception_demo")
        today = now.date()
        # (days from today, local hour, duration, final state)
        schedule = [
            (-75, 10, 2, "done"),
            (-60, 14, 3, "done"),
            (-41, 9, 2, "done"),
            (-33, 14, 2, "cancelled"),
            (-26, 10, 4, "done"),
            (-15, 9, 2, "done"),
            (-8, 14, 2, "done"),
            (-3, 10, 2, "done"),
            (0, None, 2, "in_progress"),
            (1, 10, 2, "confirmed"),
            (3, 14, 2, "confirmed"),
            (6, 9, 3, "confirmed"),
            (9, 14, 2, "requested"),
            (12, 10, 2, "requested"),
            (16, 9, 2, "cancelled"),
            (20, 14, 3, "requested"),
        ]
        guests = rng.sample(
            list(customers.filtered(lambda c: c.visit_tier in "ab")), 16
        )
        Reception = receptions = self.env["visit.reception"]
        for n, ((days, hour, hours, state), customer) in enumerate(
            zip(schedule, guests, strict=True)
        ):
            host = customer.user_id
            if hour is None:  # in progress: started an hour ago
                start = now.replace(microsecond=0) - timedelta(hours=1)
            else:
                start = _local(today + timedelta(days=days), hour)
            visitors = customer.child_ids[: rng.randint(1, 3)]
            vals = {
                "partner_id": customer.id,
                "team_id": host.sale_team_id.id,
                "user_id": host.id,
                "companion_ids": [(6, 0, host.sale_team_id.user_id.ids)]
                if n % 3 == 0
                else [],
                "purpose": rng.choice(
                    ["business_talks", "site_tour", "technical_exchange"]
                ),
                "purpose_detail": rng.choice(
                    [
                        "洽谈年度供货合同",
                        "参观生产车间和仓库",
                        "新产品技术交流",
                        "商谈售后服务方案",
                    ]
                ),
                "request_channel": rng.choice(["phone", "email", "web"]),
                "start_datetime": start,
                "stop_datetime": start + timedelta(hours=hours),
                "room_id": rooms[n % len(rooms)].id,
                "room_user_id": receptionist.id,
                "catering_user_id": receptionist.id,
                "catering": "working_meal" if hours >= 3 else "tea",
                "catering_covers": len(visitors) + 2 if hours >= 3 else 0,
                "agenda": _html(
                    "1. 欢迎及公司介绍 2. 业务洽谈 3. 参观展厅 4. 总结及下一步安排"
                ),
                "visitor_ids": [
                    (0, 0, {"partner_id": visitor.id, "sequence": i})
                    for i, visitor in enumerate(visitors)
                ],
                "material_ids": [
                    (
                        0,
                        0,
                        {"name": "公司简介及产品手册", "quantity": len(visitors) + 1},
                    ),
                    (0, 0, {"name": "报价方案", "quantity": 1, "confidential": True}),
                ],
            }
            if n == 4:
                vals.update(
                    pickup_needed=True,
                    pickup_place="上海虹桥站",
                    pickup_datetime=start - timedelta(hours=1),
                    pickup_vehicle="沪A·D1234 商务车",
                    pickup_driver="老李",
                )
            if n == 13:
                vals.update(
                    special_request="客户希望参观新生产线并与技术总监面谈。",
                    special_request_date=today + timedelta(days=5),
                )
            reception = Reception.with_user(host).create(vals)
            receptions |= reception
            self._move_reception(rng, reception, state, start, now)
            if n == 4:
                self.env["visit.reception.incident"].with_user(host).create(
                    {
                        "reception_id": reception.id,
                        "incident_type": "injury",
                        "incident_datetime": start + timedelta(hours=2),
                        "description": "一位访客参观车间时在台阶处扭伤脚踝。",
                        "actions_taken": "现场冰敷后陪同到附近医院检查，无大碍。",
                    }
                )
        return receptions

    @api.model
    def _move_reception(self, rng, reception, state, start, now):
        """Takes a reception through its workflow to its state, with the times it
        happened at."""
        host_reception = reception.with_user(reception.user_id)
        if state == "requested":
            return
        if state == "cancelled" and start > now:
            host_reception.action_confirm()
            host_reception.action_cancel()
            return
        if state == "cancelled":
            host_reception.action_cancel()
            return
        host_reception.action_confirm()
        if state == "confirmed":
            return
        host_reception.action_check_in()
        # the preparation was done before the visitors came
        reception.sudo().activity_feedback(
            ["visit_management.mail_activity_visit_reception_prep"]
        )
        reception.sudo().write({"checked_in_datetime": start})
        if state == "in_progress":
            return
        reception.sudo().write(
            {
                "outcome": _html("双方就合作方式达成一致，客户对参观安排表示满意。"),
                "agreement_signed": rng.random() < 0.3,
                "next_step_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "发送会议纪要及正式报价",
                            "deadline": fields.Date.context_today(self)
                            + timedelta(days=3),
                            "user_id": reception.user_id.id,
                        },
                    )
                ]
                if start > now - timedelta(days=10)
                else [],
            }
        )
        host_reception.action_done()
        reception.sudo().write({"done_datetime": reception.stop_datetime})
        # the last visitors answered the feedback link; the hosts rated the others
        if start > now - timedelta(days=20):
            reception._record_visitor_feedback(
                reception.sudo().feedback_token,
                rng.choice([4, 5, 5, 3]),
                rng.choice(["接待周到，安排得很好。", "会议室有点小，其他都很满意。"]),
            )
        else:
            host_reception.write({"satisfaction": rng.choice(["4", "5"])})
