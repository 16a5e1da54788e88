# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Selections shared by several models."""

TIERS = [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")]

VISIT_MODES = [("onsite", "On-site"), ("phone", "Phone")]

REPORT_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("returned", "Returned"),
]

VISIT_PURPOSES = [
    ("market_research", "Market Research"),
    ("competitor_intelligence", "Competitor Intelligence"),
    ("relationship", "Relationship Maintenance"),
    ("payment_collection", "Payment Collection"),
    ("new_customer", "New Customer Development"),
    ("new_product", "New Product Promotion"),
    ("coverage", "Product Coverage"),
    ("service", "Service / Complaint Handling"),
]

URGENT_CATEGORIES = [
    ("competitor_policy", "Competitor Sales Policy Change"),
    ("competitor_product", "Competitor New Product"),
    ("competitor_service", "Competitor Sales/Service Move"),
    ("product_defect", "Major Product Defect"),
    ("other", "Other Urgent Matter"),
]

GENDERS = [("male", "Male"), ("female", "Female"), ("other", "Other")]

RECEPTION_PURPOSES = [
    ("business_talks", "Business Talks"),
    ("site_tour", "Site Tour"),
    ("technical_exchange", "Technical Exchange"),
    ("other", "Other"),
]

RECEPTION_CHANNELS = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("web", "Web"),
    ("in_person", "In Person"),
]

RECEPTION_CATERING = [
    ("none", "None"),
    ("tea", "Tea"),
    ("working_meal", "Working Meal"),
]

PHOTO_KINDS = [
    ("storefront", "Storefront"),
    ("shelf", "Shelf"),
    ("competitor", "Competitor Material"),
    ("meeting", "Meeting"),
    ("other", "Other"),
]
