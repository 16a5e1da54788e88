# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Importing a template of Odoo's Import screen the way a user does."""

from odoo.tools.misc import file_open

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPTIONS = {
    "has_headers": True,
    "date_format": "%Y-%m-%d",
    "datetime_format": "%Y-%m-%d %H:%M:%S",
    "float_decimal_separator": ".",
    "float_thousand_separator": ",",
    "quoting": '"',
    "separator": ",",
    "sheet": "Sheet1",
}


class ImportTemplateChecks:
    """For test cases: the templates a model offers, and their sample files
    imported as they are."""

    def _template(self, model, name):
        """The template of that file name the model offers on its Import screen."""
        (template,) = [
            template
            for template in self.env[model].get_import_templates()
            if template["template"].endswith(f"/{name}")
        ]
        return template["template"].lstrip("/")

    def _import_template(self, user, model, name):
        """Uploads the template's sample file as `user`, keeps the columns Odoo
        maps from the headers, imports; returns the records made."""
        path = self._template(model, name)
        with file_open(path, "rb") as template:
            content = template.read()
        wizard = (
            self.env["base_import.import"]
            .with_user(user)
            .create(
                {
                    "res_model": model,
                    "file": content,
                    "file_name": name,
                    "file_type": XLSX,
                }
            )
        )
        preview = wizard.parse_preview(OPTIONS)
        self.assertFalse(preview.get("error"), preview.get("error"))
        headers = preview["headers"]
        fields = [
            "/".join(preview["matches"].get(index) or [])
            for index in range(len(headers))
        ]
        self.assertTrue(all(fields), f"every column maps to a field: {headers}")
        result = wizard.execute_import(fields, headers, OPTIONS)
        self.assertEqual(result["messages"], [], "imported without a problem")
        return self.env[model].browse(result["ids"])
