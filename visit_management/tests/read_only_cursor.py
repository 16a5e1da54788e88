# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Opening a screen over JSON-RPC as its user, and on which cursors Odoo served
each call: Odoo 19 serves a call of an `@api.readonly` method (and Odoo's own
reads: get_views, web_search_read, formatted_read_group...) on a read-only
cursor, which `db_replica_host` takes from a PostgreSQL replica; a call that
writes fails there and is run again on the primary."""

from unittest.mock import patch

from lxml import etree

from odoo.service import model as service_model

# What each view type reads, by the xpath of its fields in the arch.
VIEW_FIELDS = {
    "list": "./field/@name",
    "kanban": ".//field/@name",
    "form": ".//field[not(ancestor::field)]/@name",
}


class ReadOnlyCursorMixin:
    """For HttpCase: `_open_screen(login, action)` opens each view of a window
    action as the web client does and returns, by call, the cursors it ran on."""

    def _call(self, model, method, *args, **kwargs):
        """The call's result, and whether each attempt ran on a read-only
        cursor: [True] when a replica could serve it."""
        attempts = []
        retrying = service_model.retrying

        def record_cursor(func, env):
            attempts.append(env.cr.readonly)
            return retrying(func, env)

        with patch.object(service_model, "retrying", record_cursor):
            result = self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {"model": model, "method": method, "args": args, "kwargs": kwargs},
            )
        return result, attempts

    def _spec(self, fields, names):
        return {
            name: {"fields": {"display_name": {}}}
            if fields[name]["type"] == "many2one"
            else {}
            for name in names
            if name in fields
        }

    def _groupby(self, fields, element):
        """A pivot's or graph's dimension as the web client groups by it:
        dates by their interval, a month unless the view says."""
        name = element.get("name")
        if fields[name]["type"] in ("date", "datetime"):
            return f"{name}:{element.get('interval', 'month')}"
        return name

    def _view_calls(self, model, view_type, arch, fields, domain):
        """The reads the web client makes to show a view: (label, model,
        method, args, kwargs)."""
        root = etree.fromstring(arch)
        label = f"{model} {view_type}"
        if view_type in ("list", "kanban"):
            spec = self._spec(fields, root.xpath(VIEW_FIELDS[view_type]))
            yield label, model, "web_search_read", (domain, spec), {"limit": 80}
        elif view_type == "pivot":
            # its cells and its headers' totals: each prefix of its rows' groups
            # with each prefix of its columns', in one call
            rows, cols = (
                [self._groupby(fields, field) for field in root.xpath(xpath)]
                for xpath in ("./field[@type='row']", "./field[@type='col']")
            )
            sets = [
                rows[:row] + cols[:col]
                for row in range(len(rows) + 1)
                for col in range(len(cols) + 1)
            ]
            yield (
                label,
                model,
                "formatted_read_grouping_sets",
                (domain, sets, ["__count"]),
                {},
            )
        elif view_type == "graph":
            dimensions = root.xpath("./field[@type='row' or @type='col']")
            dimensions = dimensions or root.xpath("./field[not(@type='measure')]")
            groupby = [self._groupby(fields, field) for field in dimensions[:2]]
            yield (
                label,
                model,
                "formatted_read_group",
                (domain, groupby, ["__count"]),
                {},
            )
        elif view_type == "visit_map":
            yield label, model, "visit_map_data", (domain,), {}

    def _open_screen(self, action_xmlid, domain=()):
        """{call: [read-only attempts]} for every view of the window action,
        as the web client opens it."""
        action = self.env.ref(action_xmlid)
        views = [[view.view_id.id, view.view_mode] for view in action.view_ids]
        modes = {mode for _id, mode in views}
        views += [[False, m] for m in action.view_mode.split(",") if m not in modes]
        return self._open_views(action.res_model, views, domain)

    def _open_views(self, model, views, domain=(), res_id=None):
        """{call: [read-only attempts]} for these views of the model (a form:
        the record res_id)."""
        views_result, attempts = self._call(model, "get_views", views, {})
        cursors = {f"{model} get_views": attempts}
        fields = views_result["models"][model]["fields"]
        for view_type, view in views_result["views"].items():
            if view_type == "search":
                continue
            if view_type == "form":
                if res_id:
                    names = etree.fromstring(view["arch"]).xpath(VIEW_FIELDS["form"])
                    spec = self._spec(fields, names)
                    _result, cursors[f"{model} form"] = self._call(
                        model, "web_read", [res_id], spec
                    )
                continue
            for label, *call in self._view_calls(
                model, view_type, view["arch"], fields, list(domain)
            ):
                _result, cursors[label] = self._call(
                    call[0], call[1], *call[2], **call[3]
                )
        return cursors

    def assertServedReadOnly(self, cursors):
        """Every call ran on a read-only cursor and did not need the primary."""
        self.assertTrue(cursors)
        self.assertEqual(
            {
                call: attempts
                for call, attempts in cursors.items()
                if attempts != [True]
            },
            {},
            "these calls wrote, or are not marked @api.readonly",
        )
