import {registry} from "@web/core/registry";

import {screenshot} from "./tour_utils";

// Each role logs in (/odoo, no action asked) and lands on its own screen: the
// home action of a Visits user is the app's landing.

registry.category("web_tour.tours").add("visit_management_landing_rep_tour", {
  steps: () => [
    {
      trigger: ".o_visit_today .o_kanban_record:contains('Huadong Trading Co.')",
      content: "the rep lands on today's visits",
    },
    ...screenshot("landing_rep"),
  ],
});

registry.category("web_tour.tours").add("visit_management_landing_manager_tour", {
  steps: () => [
    {
      trigger:
        ".o_visit_team_overview .o_field_widget[name='overdue_count']:contains('1')",
      content: "the manager lands on the team overview: one overdue customer",
    },
    {
      trigger:
        ".o_visit_team_overview .o_field_widget[name='plan_count']:contains('1')",
      content: "one plan to approve",
    },
    ...screenshot("landing_manager"),
    {
      trigger: ".o_visit_team_overview div[name='to_approve'] button:first",
      content: "open the plans to approve",
      run: "click",
    },
    {
      trigger: ".o_data_row:contains('Li Ming'), .o_kanban_record:contains('Li Ming')",
      content: "the rep's plan waits for approval",
    },
  ],
});

registry.category("web_tour.tours").add("visit_management_landing_front_desk_tour", {
  steps: () => [
    {
      trigger:
        ".o_kanban_record:contains('Huadong Trading Co.'), .o_data_row:contains('Huadong Trading Co.')",
      content: "the front desk lands on today's receptions",
    },
    ...screenshot("landing_front_desk"),
  ],
});
