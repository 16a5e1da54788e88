# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The PDF reports as users get them: printed by wkhtmltopdf (under tests Odoo
answers HTML unless asked with `force_report_rendering`), read back with
poppler's pdftotext, in English and in Chinese. The setup installs both tools
(scripts/bootstrap.sh). With VISIT_PDF_DIR set, the PDFs are kept there, to
look at them."""

import os
import pathlib
import shutil
import subprocess

from odoo.tests import HttpCase

from .screenshots import load_language


class PdfReportCase(HttpCase):
    """An HTTP case, so that wkhtmltopdf fetches the reports' styles from the
    test server, with Simplified Chinese loaded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_language(cls.env, "zh_CN")

    def _pdf_text(self, report_ref, records, lang="en_US", data=None):
        """The text of the report printed for the records, as the records' user
        and in that language, on one line."""
        for tool in ("wkhtmltopdf", "pdftotext"):
            self.assertTrue(
                shutil.which(tool), f"{tool} is missing: see scripts/bootstrap.sh"
            )
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(records.env.user)
            .with_context(force_report_rendering=True, lang=lang)
            ._render_qweb_pdf(report_ref, records.ids, data=data)
        )
        self.assertEqual((kind, pdf[:5]), ("pdf", b"%PDF-"))
        if keep := os.environ.get("VISIT_PDF_DIR"):
            path = pathlib.Path(keep, f"{report_ref.split('.')[-1]}_{lang}.pdf")
            path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return " ".join(text.split())

    def _reports_of(self, module):
        """The xml ids of the module's PDF reports."""
        return set(
            self.env["ir.model.data"]
            .search([("module", "=", module), ("model", "=", "ir.actions.report")])
            .mapped("complete_name")
        )

    def _assert_every_report_prints(self, module, prints):
        """prints: {report xml id: (records, data, English texts, Chinese
        texts)}, one entry for each of the module's reports."""
        self.assertEqual(set(prints), self._reports_of(module), "a report untested")
        for report_ref, (records, data, english, chinese) in prints.items():
            for lang, texts in (("en_US", english), ("zh_CN", chinese)):
                with self.subTest(report=report_ref, lang=lang):
                    text = self._pdf_text(report_ref, records, lang, data)
                    for expected in texts:
                        self.assertIn(expected, text)
