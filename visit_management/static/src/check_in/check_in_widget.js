import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {isIosApp} from "@web/core/browser/feature_detection";
import {useService} from "@web/core/utils/hooks";
import {standardWidgetProps} from "@web/views/widgets/standard_widget_props";
import {Component, useState} from "@odoo/owl";

/**
 * "Check in" button of the visit report (and of the route sheet's visits): asks
 * the phone (or browser) for its position the way hr_attendance does, and hands
 * the raw facts (position, accuracy, the phone's time) to the record's
 * action_check_in on the server, which computes the distance to the customer and
 * whether the rep is in place. Once checked in, the report's "Check out" button
 * hands the same facts to action_check_out. The page never sends a distance,
 * and shows the server's message, the one the form shows as its status.
 */
export class VisitCheckIn extends Component {
  static template = "visit_management.VisitCheckIn";
  static props = {...standardWidgetProps};

  setup() {
    this.orm = useService("orm");
    this.notification = useService("notification");
    this.state = useState({locating: false});
  }

  get canCheckOut() {
    // The route sheet's cards only check in; the report checks out too
    const data = this.props.record.data;
    return (
      this.props.record.resModel === "visit.report" &&
      Boolean(data.checkin_method) &&
      !data.checkout_method
    );
  }

  get canLocate() {
    // The iOS app lacks the permission to call getCurrentPosition.
    return Boolean(navigator.geolocation) && !isIosApp();
  }

  onCheckIn() {
    this.locate("action_check_in");
  }

  onCheckOut() {
    this.locate("action_check_out");
  }

  locate(method) {
    if (!this.canLocate) {
      this.refused();
      return;
    }
    this.state.locating = true;
    navigator.geolocation.getCurrentPosition(
      (position) => this.send(method, position),
      () => {
        this.state.locating = false;
        this.refused();
      },
      {enableHighAccuracy: true, timeout: 30000}
    );
  }

  async send(method, {coords, timestamp}) {
    const record = this.props.record;
    try {
      // A saved form goes as it is: a reason still to type (a check-in
      // outside the zone) never stops the rep checking in again
      if (!(record.isNew || (await record.isDirty())) || (await record.save())) {
        // The visit report's form, or the route sheet's card of a visit
        const result = await this.orm.call(record.resModel, method, [
          [record.resId],
          coords.latitude,
          coords.longitude,
          coords.accuracy || 0,
          timestamp || null,
        ]);
        await record.load();
        // The server's own words, the same as the form's status
        this.notification.add(result.message, {
          type: result.in_place ? "success" : result.waiting ? "info" : "warning",
        });
      }
    } finally {
      this.state.locating = false;
    }
  }

  refused() {
    this.notification.add(
      _t(
        "Your position could not be read: allow location access for Odoo and try again, or use Manual Check-in or Manual Check-out (a manual check-in is flagged as not in place)."
      ),
      {type: "danger", sticky: true}
    );
  }
}

export const visitCheckIn = {
  component: VisitCheckIn,
};

registry.category("view_widgets").add("visit_check_in", visitCheckIn);
