# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def data_record(env, xmlid):
    """The record of one of the addons' own data files, by its xmlid: Odoo's
    `env.ref` checks that it still exists, a query each time a scheduled
    action's batch asks for its activity types and its digest; these records
    go only with their addon (`ir.model.data` caches the lookup itself)."""
    model, res_id = env["ir.model.data"]._xmlid_to_res_model_res_id(
        xmlid, raise_if_not_found=True
    )
    return env[model].browse(res_id)
