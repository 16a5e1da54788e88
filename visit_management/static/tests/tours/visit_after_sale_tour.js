import {registry} from "@web/core/registry";

import {clickHeaderButton, screenshot} from "./tour_utils";

// The rep opens their after-sale callbacks, calls the customer, writes what they
// said and marks the call done; the server dates it.
registry.category("web_tour.tours").add("visit_management_after_sale_tour", {
  steps: () => [
    {
      trigger: ".o_list_view .o_data_row:contains('Huadong Trading Co.')",
      content: "the rep's callbacks due, the overdue one first",
    },
    ...screenshot("after_sale_list"),
    {
      trigger: ".o_list_view .o_data_row:first .o_data_cell[name='partner_id']",
      content: "open the thank-you call",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='outcome'] textarea",
      content: "write what the customer said",
      run: "edit The pumps are installed; the buyer thanks us for the quick delivery.",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='satisfaction'] input[data-value='satisfied']",
      content: "the customer is satisfied",
      run: "click",
    },
    ...screenshot("after_sale_form"),
    ...clickHeaderButton("action_done", "mark the call done"),
    {
      trigger: ".o_form_view .o_field_widget[name='done_date']:not(:empty)",
      content: "the callback is done, on the server's time",
    },
  ],
});
