# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Selections shared by several models."""

COMPLAINT_CATEGORIES = [
    ("service", "Staff Service"),
    ("security", "Security"),
    ("cleaning", "Cleaning"),
    ("greening", "Greening"),
    ("maintenance", "Facilities Maintenance"),
    ("parking", "Parking"),
    ("neighbour", "Neighbours and Noise"),
    ("fees", "Fees"),
    ("other", "Other"),
]

INCIDENT_TYPES = [
    ("water", "Burst Pipe or Flooding"),
    ("fire", "Fire"),
    ("gas", "Gas Leak"),
    ("electrical", "Power Failure or Electrical"),
    ("injury", "Fall or Injury"),
    ("theft", "Theft or Break-in"),
    ("other", "Other"),
]

CALLBACK_TYPES = [
    ("move_in", "Move-in Visit"),
    ("complaint", "Complaint Callback"),
    ("repair", "Repair Callback"),
    ("incident", "Incident Follow-up"),
    ("festival", "Festival Visit"),
    ("routine", "Routine Callback"),
]

CALLBACK_METHODS = [
    ("phone", "Phone"),
    ("onsite", "On-site"),
    ("letter", "Letter"),
    ("form", "Suggestion Form"),
]
