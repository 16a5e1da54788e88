import { utils as uiUtils } from "@web/core/ui/ui_service";

// Steps shared by the journeys' tours.

// Has the test save a screenshot of the page as it is now, for the README's
// user guide (see tests/screenshots.py): the first step asks for it, the
// second waits until it is saved. The page is shown from its top (or around the
// element `scrollTo` selects), with no field focused and no picker open.
export function screenshot(name, { scrollTo } = {}) {
    return [
        {
            trigger: "body",
            content: `screenshot of ${name}`,
            async run() {
                // an outside click closes the pickers and dropdowns still open
                document.body.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
                document.activeElement?.blur();
                for (const element of document.querySelectorAll("*")) {
                    if (element.scrollTop || element.scrollLeft) {
                        element.scrollTo(0, 0);
                    }
                }
                if (scrollTo) {
                    document.querySelector(scrollTo).scrollIntoView({ block: "center" });
                }
                await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
                console.log(`visit_screenshot:${name}`);
            },
        },
        {
            trigger: `body[data-visit-screenshot='${name}']`,
            content: `screenshot of ${name} saved`,
        },
    ];
}

// Clicks a button of the form's header; on a phone only the first one shown
// stays in the header, the others (``more``) are under "More".
export function clickHeaderButton(name, content, { more = false } = {}) {
    if (more && uiUtils.isSmall()) {
        return [
            {
                trigger: ".o_form_view .o_statusbar_buttons .dropdown-toggle",
                content: "open the other actions",
                run: "click",
            },
            { trigger: `.o-dropdown--menu button[name='${name}']`, content, run: "click" },
        ];
    }
    return [
        {
            trigger: `.o_form_view .o_statusbar_buttons button[name='${name}']`,
            content,
            run: "click",
        },
    ];
}
