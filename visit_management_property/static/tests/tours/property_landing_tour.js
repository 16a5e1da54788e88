import {registry} from "@web/core/registry";

import {screenshot} from "@visit_management/../tests/tours/tour_utils";

// The property office logs in and lands on its callbacks due and open
// complaints; a counter opens the list.
registry.category("web_tour.tours").add("visit_management_property_landing_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_field_widget[name='callback_due_count']:contains('2')",
      content: "the office lands on its overview: two callbacks due",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='callback_overdue_count']:contains('1')",
      content: "one of them overdue",
    },
    ...screenshot("landing_property_office"),
    {
      trigger: ".o_form_view button[name='action_open_complaints']",
      content: "open the open complaints",
      run: "click",
    },
    {
      trigger:
        ".o_data_row:contains('Zhang Wei'), .o_kanban_record:contains('Zhang Wei')",
      content: "the open complaint is listed",
    },
  ],
});
