import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";

/**
 * Opens the phone's messaging app on the text message the server prepared
 * (an `sms:` link with the numbers and the text): the user sends it from there.
 * Odoo's URL action would turn such a link into a path of the server.
 */
function openSms(env, action) {
  const url = action.params?.url || "";
  if (url.startsWith("sms:")) {
    browser.location.assign(url);
  }
}

registry.category("actions").add("visit_management.open_sms", openSms);
