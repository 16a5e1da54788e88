# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# What a <visit_map> arch may say: the map draws what its model's
# visit_map_data gives (visit.map.mixin); js_class picks a variant.
VISIT_MAP_ATTRIBUTES = {"__validate__", "class", "js_class", "string", "sample"}


class IrUiView(models.Model):
    _inherit = "ir.ui.view"

    type = fields.Selection(selection_add=[("visit_map", "Visit Map")])

    def _validate_tag_visit_map(self, node, name_manager, node_info):
        if not node_info["validate"]:
            return
        if len(node):
            self._raise_view_error(
                self.env._("A visit map view has no content."), node[0]
            )
        unknown = set(node.attrib) - VISIT_MAP_ATTRIBUTES
        if unknown:
            self._raise_view_error(
                self.env._(
                    "A visit map view does not take the attributes %(attributes)s.",
                    attributes=", ".join(sorted(unknown)),
                ),
                node,
            )

    def _get_view_info(self):
        return {"visit_map": {"icon": "fa fa-map-o"}} | super()._get_view_info()
