# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase

from odoo.addons.visit_management.tests.translation_checks import (
    TranslationFileChecks,
)


class TestTranslations(TranslationFileChecks, TransactionCase):
    _module = "visit_management_sale_stock"
