import { registry } from "@web/core/registry";

// The page gets a fixed position, as a phone would report it, 300 m north of
// the customer, with the phone's time; the rep checks in from the report form,
// then checks out.
registry.category("web_tour.tours").add("visit_management_check_in_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_visit_check_in",
            content: "give the page a position, then check in",
            run(helpers) {
                navigator.geolocation.getCurrentPosition = (success) =>
                    success({
                        coords: { latitude: 31.2331, longitude: 121.4737, accuracy: 12 },
                        timestamp: Date.UTC(2026, 11, 10, 2, 0),
                    });
                helpers.click();
            },
        },
        {
            trigger: ".o_notification:contains('inside the zone')",
            content: "the server says the rep is inside the zone",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='checkin_method']:contains('GPS')",
        },
        {
            trigger: ".o_form_view .o_visit_check_out",
            content: "check out when leaving",
            run: "click",
        },
        {
            trigger: ".o_notification:contains('Checked out')",
            content: "the server gives its verdict",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='checkout_method']:contains('GPS')",
        },
        {
            trigger: ".o_form_view .o_notebook a[name='photos']",
            content: "the photos of the visit",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='photo_ids'] .o-kanban-button-new",
            content: "add a photo",
            run: "click",
        },
        {
            trigger: ".modal .o_field_visit_photo:has(input[type='file'][capture='environment'])",
            content: "on a phone, the upload opens the camera",
        },
        {
            trigger: ".modal .o_form_button_cancel",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});

// Position refused: a clear message, and the manual check-in stays possible.
registry.category("web_tour.tours").add("visit_management_check_in_refused_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_visit_check_in",
            content: "the phone refuses to give its position",
            run(helpers) {
                navigator.geolocation.getCurrentPosition = (success, error) =>
                    error({ code: 1, message: "User denied Geolocation" });
                helpers.click();
            },
        },
        {
            trigger: ".o_notification:contains('Manual Check-in')",
            content: "the rep is told to allow location access or check in manually",
        },
        {
            trigger: ".o_form_view button[name='action_check_in_manual']",
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            content: "confirm the manual check-in",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='checkin_method']:contains('Manual')",
        },
    ],
});
