import {registry} from "@web/core/registry";
import {screenshot} from "@visit_management/../tests/tours/tour_utils";

// A team leader opens the Visits dashboard: the spreadsheet loads its pivots.
registry.category("web_tour.tours").add("visit_management_dashboard_tour", {
  steps: () => [
    {
      trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet .o-grid",
      content: "the dashboard's spreadsheet is shown",
    },
    {
      trigger: "body",
      content:
        "let the pivots' data arrive and the canvas redraw (the screenshot only)",
      run: () => new Promise((resolve) => setTimeout(resolve, 2000)),
    },
    ...screenshot("visits_dashboard"),
  ],
});
