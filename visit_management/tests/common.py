# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util
from datetime import date, datetime
from unittest.mock import patch

from odoo.service.model import call_kw
from odoo.tests import TransactionCase, freeze_time, new_test_user
from odoo.tools.misc import file_path

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .cron_runs import CronRunsMixin

SALES = "base.group_user,sales_team.group_sale_salesman"
REP_GROUPS = f"{SALES},visit_management.group_visit_user"
MANAGER_GROUPS = f"{SALES},visit_management.group_visit_manager"
# The tests' own today: Monday 23 November 2026, noon in Shanghai. The fixtures
# plan December 2026 and file reports in it, so every class of VisitCommon runs on
# this clock (its setUpClass included), whatever day the suite runs.
TESTS_NOW = datetime(2026, 11, 23, 4, 0)


def run_migration(env, path, version):
    """Runs an addon's migration script (its path in the addons) as an update
    from the given version would."""
    spec = importlib.util.spec_from_file_location("migration", file_path(path))
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    migration.migrate(env.cr, version)
    env.invalidate_all()


@freeze_time(TESTS_NOW)
class VisitCommon(CronRunsMixin, TransactionCase):
    """Two sales teams, each with a leader (visit manager) and reps; a visit
    administrator; a portal user; customers of the first rep with contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Records are created and written at the test's clock, as under Odoo's
        # HTTP test cursor, not at the database's time of the test transaction.
        cls.startClassPatcher(patch.object(cls.cr, "now", datetime.now))
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.env.company
        # Check-ins count without a check-out: the time-on-site rule is tested
        # in test_visit_geofence.
        cls.company.visit_min_dwell_minutes = 0
        cls.manager = new_test_user(cls.env, "visit_manager", groups=MANAGER_GROUPS)
        cls.rep = new_test_user(cls.env, "visit_rep", groups=REP_GROUPS)
        cls.rep2 = new_test_user(cls.env, "visit_rep2", groups=REP_GROUPS)
        cls.manager_b = new_test_user(cls.env, "visit_manager_b", groups=MANAGER_GROUPS)
        cls.rep_b = new_test_user(cls.env, "visit_rep_b", groups=REP_GROUPS)
        cls.visit_admin = new_test_user(
            cls.env,
            "visit_admin",
            groups="base.group_user,visit_management.group_visit_admin",
        )
        cls.portal_user = new_test_user(
            cls.env, "visit_portal", groups="base.group_portal"
        )
        Team = cls.env["crm.team"]
        cls.team = Team.create(
            {
                "name": "Team East",
                "user_id": cls.manager.id,
                "member_ids": [(6, 0, (cls.rep | cls.rep2).ids)],
            }
        )
        cls.team_b = Team.create(
            {
                "name": "Team West",
                "user_id": cls.manager_b.id,
                "member_ids": [(6, 0, cls.rep_b.ids)],
            }
        )
        Partner = cls.env["res.partner"]
        # Shanghai People's Square; the check-in tests move around it.
        cls.customer = Partner.create(
            {
                "name": "Huadong Trading Co.",
                "is_company": True,
                "visit_tier": "a",
                "user_id": cls.rep.id,
                "partner_latitude": 31.2304,
                "partner_longitude": 121.4737,
            }
        )
        cls.contact = Partner.create(
            {"name": "Wang Wei", "parent_id": cls.customer.id, "function": "Buyer"}
        )
        cls.contact2 = Partner.create(
            {"name": "Li Na", "parent_id": cls.customer.id, "function": "CEO"}
        )
        cls.customer_b = Partner.create(
            {"name": "Xibei Supplies", "is_company": True, "visit_tier": "c"}
        )

    @classmethod
    def _create_plan(cls, user=None, month=date(2026, 12, 1), lines=1, **values):
        user = user or cls.rep
        line_values = [
            {
                "partner_id": cls.customer.id,
                "contact_id": cls.contact.id,
                "planned_datetime": datetime(month.year, month.month, 10 + i, 2, 0),
                "purpose": "relationship",
                "visit_mode": "onsite",
            }
            for i in range(lines)
        ]
        return (
            cls.env["visit.plan"]
            .with_user(user)
            .create(
                {
                    "user_id": user.id,
                    "date_start": month,
                    "line_ids": [(0, 0, vals) for vals in line_values],
                    **values,
                }
            )
        )

    @classmethod
    def _create_report(cls, user=None, **values):
        user = user or cls.rep
        defaults = {
            "user_id": user.id,
            "partner_id": cls.customer.id,
            "contact_id": cls.contact.id,
            "visit_mode": "onsite",
            "purpose": "relationship",
            "start_datetime": datetime(2026, 12, 10, 2, 0),
            "end_datetime": datetime(2026, 12, 10, 3, 30),
        }
        return cls.env["visit.report"].with_user(user).create({**defaults, **values})

    def _messages_to(self, record, partner):
        """The messages on the record that notified the partner (in Odoo's inbox
        or by e-mail): the followers who keep the message's subtype."""
        record.invalidate_recordset(["message_ids"])
        return record.sudo().message_ids.filtered(
            lambda message: partner in message.notification_ids.res_partner_id
        )

    def _notified(self, message):
        return message.sudo().notification_ids.res_partner_id

    def _activities(self, xmlid, user=None, **domain):
        activity_type = self.env.ref(f"visit_management.{xmlid}")
        return self.env["mail.activity"].search(
            [("activity_type_id", "=", activity_type.id)]
            + ([("user_id", "=", user.id)] if user else [])
            + [(key, "=", value) for key, value in domain.items()]
        )


def state_board_columns(env, model, user):
    """The columns of a kanban grouped by state, as the web client asks for
    them (over RPC, as the user): one per state, those without records too."""
    result = call_kw(
        env[model].with_user(user),
        "web_read_group",
        [[], ["state"], ["__count"]],
        {"context": {"read_group_expand": True}},
    )
    return [group["state"] for group in result["groups"]]
