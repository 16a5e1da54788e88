import {utils as uiUtils} from "@web/core/ui/ui_service";

// Steps shared by the journeys' tours.

// Has the test save a screenshot of the page as it is now, for the README's
// user guide (see tests/screenshots.py): the first step asks for it, the
// second waits until it is saved. The page is shown from its top (or from the
// element `scrollTo` selects), with no field focused and no picker open.
export function screenshot(name, {scrollTo} = {}) {
  return [
    {
      trigger: "body",
      content: `screenshot of ${name}`,
      async run() {
        // An outside click closes the pickers and dropdowns still open
        document.body.dispatchEvent(new PointerEvent("pointerdown", {bubbles: true}));
        document.activeElement?.blur();
        for (const element of document.querySelectorAll("*")) {
          if (element.scrollTop || element.scrollLeft) {
            element.scrollTo(0, 0);
          }
        }
        if (scrollTo) {
          document.querySelector(scrollTo).scrollIntoView({block: "start"});
        }
        await new Promise((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(resolve))
        );
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
export function clickHeaderButton(name, content, {more = false} = {}) {
  if (more && uiUtils.isSmall()) {
    return [
      {
        trigger: ".o_form_view .o_statusbar_buttons .dropdown-toggle",
        content: "open the other actions",
        run: "click",
      },
      {trigger: `.o-dropdown--menu button[name='${name}']`, content, run: "click"},
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

// Waits for the check-in's notice of this type (success, info, warning) and
// checks it says word for word what the form's check-in status says.
export function sameCheckInMessage(type, content) {
  const notice = `.o_notification:has(.o_notification_bar.bg-${type}) .o_notification_content`;
  const status = `.o_form_view div[name='checkin_status'] .alert-${type}`;
  return {
    trigger: `${notice}:not(:empty)`,
    content,
    run() {
      const notices = [...document.querySelectorAll(notice)].map((el) =>
        el.textContent.trim()
      );
      const form = document.querySelector(status)?.textContent.trim();
      if (!form || notices.at(-1) !== form) {
        throw new Error(`The notice "${notices.at(-1)}" is not the form's "${form}"`);
      }
    },
  };
}

// The page's position from now on, as a phone reports it (accuracy in metres,
// the phone's time in milliseconds).
export function phoneAt(
  latitude,
  longitude,
  {accuracy = 12, timestamp = Date.now()} = {}
) {
  navigator.geolocation.getCurrentPosition = (success) =>
    success({coords: {latitude, longitude, accuracy}, timestamp});
}

// Closes the notices shown, for a screenshot of what lies under them.
export function closeNotifications() {
  return [
    {
      trigger: "body",
      content: "close the notices, if any",
      run() {
        document
          .querySelectorAll(".o_notification_close")
          .forEach((button) => button.click());
      },
    },
    {trigger: "body:not(:has(.o_notification))"},
  ];
}
