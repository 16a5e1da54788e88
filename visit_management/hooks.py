# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def prepare_uninstall(env, module):
    """Removes, before Odoo uninstalls the module, what Odoo's uninstall would
    trip on or leave behind:

    - the activities of the module's activity types, done ones included: they
      would block the types' deletion, which comes before that of the module's
      records;
    - other modules' xml ids of what they reflect on the module's models
      (mail's selections, the inheritance of the mixins that portal, sms or
      calendar extend): their records go by cascade, their xml ids would stay;
    - the reflection of the module's foreign keys in other models' tables:
      only their columns are dropped."""
    names = [name for name, model in env.items() if model._original_module == module]
    models = env["ir.model"].search([("model", "in", names)])
    activity_types = env["ir.model.data"].search(
        [("module", "=", module), ("model", "=", "mail.activity.type")]
    )
    env["mail.activity"].with_context(active_test=False).search(
        [("activity_type_id", "in", activity_types.mapped("res_id"))]
    ).unlink()
    inherits = env["ir.model.inherit"].search([("model_id", "in", models.ids)])
    selections = env["ir.model.fields.selection"].search(
        [("field_id.model_id", "in", models.ids)]
    )
    env["ir.model.data"].search(
        [
            ("module", "!=", module),
            "|",
            "&",
            ("model", "=", "ir.model.inherit"),
            ("res_id", "in", inherits.ids),
            "&",
            ("model", "=", "ir.model.fields.selection"),
            ("res_id", "in", selections.ids),
        ]
    ).unlink()
    env["ir.model.constraint"].search(
        [
            ("module.name", "=", module),
            ("type", "=", "f"),
            ("model", "not in", models.ids),
        ]
    ).unlink()


def uninstall_hook(env):
    prepare_uninstall(env, "visit_management")
    env["visit.report.monthly"]._drop_counting()
