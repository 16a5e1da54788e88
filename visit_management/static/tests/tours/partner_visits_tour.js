import {registry} from "@web/core/registry";

// Opens a customer's form and its "Visits" page, then sets the customer tier.
registry.category("web_tour.tours").add("visit_management_partner_visits_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_notebook a[name='visits']",
      content: "open the Visits page of the customer",
      run: "click",
    },
    {
      trigger:
        ".o_notebook .tab-pane.active .o_field_widget[name='visit_tier'] .o_select_menu_toggler",
      content: "open the customer tier choices",
      run: "click",
    },
    {
      trigger: ".o_select_menu_menu .o_select_menu_item:contains('A')",
      content: "set the customer tier to A",
      run: "click",
    },
    {
      trigger: ".o_form_button_save",
      content: "save the customer",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
  ],
});
