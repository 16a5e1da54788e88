# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Writes the import templates that Odoo's Import screen offers (the models'
get_import_templates): a header row of field labels, which Odoo maps in any
language, and sample rows that import as they are. The tests import each file.

    python scripts/import_templates.py
"""

from datetime import datetime
from pathlib import Path

import xlsxwriter

REPO_ROOT = Path(__file__).resolve().parent.parent

TEMPLATES = {
    # customers with their tier and position, and their contacts on the rows below
    "visit_management/static/xls/visit_customers.xlsx": [
        [
            "Name",
            "Is a Company",
            "Customer Tier",
            "Salesperson",
            "Street",
            "City",
            "Country",
            "Phone",
            "Geo Latitude",
            "Geo Longitude",
            "Contact/Name",
            "Contact/Job Position",
            "Contact/Key Contact",
            "Contact/Phone",
        ],
        [
            "华东贸易有限公司",
            True,
            "A",
            "",
            "人民大道 200 号",
            "上海",
            "China",
            "+86 21 6321 0000",
            31.2304,
            121.4737,
            "王伟",
            "采购经理",
            True,
            "+86 139 0000 0001",
        ],
        [
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "李娜",
            "总经理",
            True,
            "+86 139 0000 0002",
        ],
        [
            "西北供应公司",
            True,
            "C",
            "",
            "长安北路 1 号",
            "西安",
            "China",
            "+86 29 8765 0000",
            34.2658,
            108.9541,
            "张强",
            "店长",
            False,
            "",
        ],
    ],
    # past visits, imported by a visit administrator as history; the customer,
    # the contact ("Company, Name", as Odoo names a contact) and the rep by their
    # names (the customers' template first)
    "visit_management/static/xls/visit_history.xlsx": [
        [
            "Customer",
            "Contact Met",
            "Sales Rep",
            "Mode",
            "Purpose",
            "Start",
            "End",
            "Opinions, Suggestions, Complaints",
        ],
        [
            "华东贸易有限公司",
            "华东贸易有限公司, 王伟",
            "李明",
            "On-site",
            "Relationship Maintenance",
            "2026-10-12 10:00:00",
            "2026-10-12 11:30:00",
            "希望缩短交货周期",
        ],
        [
            "华东贸易有限公司",
            "华东贸易有限公司, 李娜",
            "李明",
            "Phone",
            "Payment Collection",
            "2026-11-03 15:00:00",
            "2026-11-03 15:20:00",
            "月底前付清 10 月货款",
        ],
    ],
    # estates with their buildings on the rows below
    "visit_management_property/static/xls/property_estates.xlsx": [
        ["Name", "Code", "Address", "Buildings/Name", "Buildings/Floors"],
        ["阳光花园", "YGHY", "上海市浦东新区阳光路 8 号", "1 号楼", 18],
        ["", "", "", "2 号楼", 18],
    ],
    # units: the building is "Estate / Building"
    "visit_management_property/static/xls/property_units.xlsx": [
        ["Number", "Building", "Floor", "Area (m²)"],
        ["301", "阳光花园 / 1 号楼", 3, 89.5],
        ["302", "阳光花园 / 1 号楼", 3, 120.0],
        ["1801", "阳光花园 / 2 号楼", 18, 143.2],
    ],
    # residents: the unit is "Estate / Building / Number"
    "visit_management_property/static/xls/property_residents.xlsx": [
        ["Name", "Unit", "Resident Role", "Move-in Date", "Phone", "Date of Birth"],
        [
            "陈明",
            "阳光花园 / 1 号楼 / 301",
            "Owner",
            "2026-10-05",
            "+86 138 0000 0301",
            "1968-04-12",
        ],
        [
            "陈小雨",
            "阳光花园 / 1 号楼 / 301",
            "Family Member",
            "2026-10-05",
            "",
            "2012-09-01",
        ],
        [
            "刘芳",
            "阳光花园 / 1 号楼 / 302",
            "Tenant",
            "2025-03-01",
            "+86 138 0000 0302",
            "1959-11-30",
        ],
    ],
}


def write(path, rows):
    workbook = xlsxwriter.Workbook(str(path))
    # a fixed date: writing the same rows again gives the same file
    workbook.set_properties({"created": datetime(2026, 12, 5)})
    sheet = workbook.add_worksheet()
    bold = workbook.add_format({"bold": True})
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            sheet.write(row, column, value, bold if row == 0 else None)
    sheet.set_column(0, len(rows[0]) - 1, 18)
    workbook.close()


if __name__ == "__main__":
    for relative, rows in TEMPLATES.items():
        path = REPO_ROOT / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path, rows)
        print(path)
