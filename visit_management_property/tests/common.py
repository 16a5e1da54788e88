# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.visit_management.tests.cron_runs import CronRunsMixin

OFFICE_GROUPS = "base.group_user,visit_management_property.group_property_office"
MANAGER_GROUPS = "base.group_user,visit_management.group_visit_manager"


class PropertyCommon(CronRunsMixin, TransactionCase):
    """Two estates of the company, each run by its own property office (a manager
    and an office user); a company-wide visit manager and a visit administrator;
    one unit with an owner and a family member in the first estate."""

    _cron_module = "visit_management_property"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.env.company
        cls.office_manager = new_test_user(
            cls.env, "prop_office_manager", groups=OFFICE_GROUPS
        )
        cls.office_user = new_test_user(
            cls.env, "prop_office_user", groups=OFFICE_GROUPS
        )
        cls.supervisor = new_test_user(cls.env, "prop_supervisor", groups=OFFICE_GROUPS)
        cls.office_manager_b = new_test_user(
            cls.env, "prop_office_manager_b", groups=OFFICE_GROUPS
        )
        cls.manager = new_test_user(cls.env, "prop_manager", groups=MANAGER_GROUPS)
        cls.visit_admin = new_test_user(
            cls.env,
            "prop_admin",
            groups="base.group_user,visit_management.group_visit_admin",
        )
        Estate = cls.env["property.estate"]
        cls.estate = Estate.create(
            {
                "name": "Sunshine Garden",
                "manager_id": cls.office_manager.id,
                "repair_supervisor_id": cls.supervisor.id,
                "user_ids": [(6, 0, cls.office_user.ids)],
            }
        )
        cls.estate_b = Estate.create(
            {"name": "Riverside Court", "manager_id": cls.office_manager_b.id}
        )
        cls.building = cls.env["property.building"].create(
            {"name": "Building 1", "estate_id": cls.estate.id}
        )
        cls.building_b = cls.env["property.building"].create(
            {"name": "Building 1", "estate_id": cls.estate_b.id}
        )
        cls.unit = cls._create_unit(cls.building, "301", floor=3)
        cls.unit_b = cls._create_unit(cls.building_b, "101", floor=1)
        cls.owner = cls._create_resident(cls.unit, "Zhang Wei")
        cls.family = cls._create_resident(cls.unit, "Zhang Min", role="family")
        cls.owner_b = cls._create_resident(cls.unit_b, "Liu Yang")

    @classmethod
    def _create_unit(cls, building, number, **values):
        return cls.env["property.unit"].create(
            {"building_id": building.id, "name": number, **values}
        )

    @classmethod
    def _create_units(cls, building, count, prefix="U"):
        return cls.env["property.unit"].create(
            [
                {"building_id": building.id, "name": f"{prefix}{i:03d}"}
                for i in range(count)
            ]
        )

    @classmethod
    def _create_resident(cls, unit, name, role="owner", **values):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "resident_unit_id": unit.id,
                "resident_role": role,
                **values,
            }
        )

    @classmethod
    def _create_complaint(cls, user=None, resident=None, **values):
        return (
            cls.env["property.complaint"]
            .with_user(user or cls.env.user)
            .create(
                {
                    "resident_id": (resident or cls.owner).id,
                    "category": "service",
                    "description": "Nobody answered the service phone at night.",
                    **values,
                }
            )
        )

    @classmethod
    def _create_repair(cls, user=None, resident=None, category="leak", **values):
        return (
            cls.env["property.repair.request"]
            .with_user(user or cls.env.user)
            .create(
                {
                    "resident_id": (resident or cls.owner).id,
                    "category_id": cls.env.ref(
                        f"visit_management_property.repair_category_{category}"
                    ).id,
                    "description": "Water drips from the bathroom ceiling.",
                    **values,
                }
            )
        )

    @classmethod
    def _create_incident(cls, user=None, unit=None, **values):
        unit = unit or cls.unit
        return (
            cls.env["property.incident"]
            .with_user(user or cls.env.user)
            .create(
                {
                    "unit_id": unit.id,
                    "resident_id": unit.owner_id.id,
                    "incident_type": "water",
                    "description": "A pipe burst in the kitchen.",
                    **values,
                }
            )
        )

    @classmethod
    def _create_callback(cls, user=None, resident=None, **values):
        return (
            cls.env["property.resident.callback"]
            .with_user(user or cls.env.user)
            .create({"resident_id": (resident or cls.owner).id, **values})
        )

    def _callback_activities(self, callbacks):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "property.resident.callback"),
                ("res_id", "in", callbacks.ids),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref(
                        "visit_management_property.mail_activity_property_callback"
                    ).id,
                ),
            ]
        )

    @classmethod
    def _households(cls, building, count, prefix="H", **values):
        """count units of the building, each with an owner."""
        units = cls._create_units(building, count, prefix=prefix)
        cls.env["res.partner"].create(
            [
                {
                    "name": f"Owner {unit.complete_name}",
                    "resident_unit_id": unit.id,
                    "resident_role": "owner",
                    **values,
                }
                for unit in units
            ]
        )
        return units

    def _callbacks(self, callback_type, **domain):
        return self.env["property.resident.callback"].search(
            [("callback_type", "=", callback_type)]
            + [(key, "=", value) for key, value in domain.items()]
        )
