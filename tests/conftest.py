# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures for the repo-level tests: the database that pytest-odoo opened."""

import ast
from pathlib import Path

import pytest

import odoo
from odoo.modules.registry import Registry
from odoo.tests.common import get_db_name

REPO_ROOT = Path(__file__).resolve().parent.parent
# our addons: the folders of the repository with a manifest
ADDONS = tuple(
    sorted(manifest.parent.name for manifest in REPO_ROOT.glob("*/__manifest__.py"))
)


@pytest.fixture
def env():
    """An environment on the test database; everything it does is rolled back."""
    registry = Registry(get_db_name())
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.rollback()


@pytest.fixture(params=ADDONS)
def addon(request):
    """(addon name, its folder, its manifest as a dict) for each of our addons."""
    folder = REPO_ROOT / request.param
    manifest = ast.literal_eval((folder / "__manifest__.py").read_text())
    return request.param, folder, manifest
