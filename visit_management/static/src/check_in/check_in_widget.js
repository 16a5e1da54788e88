import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { isIosApp } from "@web/core/browser/feature_detection";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";
import { Component, useState } from "@odoo/owl";

/**
 * "Check in" button of the visit report (and of the route sheet's visits): asks
 * the phone (or browser) for its position the way hr_attendance does, and hands
 * the raw facts to the record's action_check_in on the server, which computes the
 * distance to the customer and whether the rep is in place.
 */
export class VisitCheckIn extends Component {
    static template = "visit_management.VisitCheckIn";
    static props = { ...standardWidgetProps };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.state = useState({ locating: false });
    }

    get canLocate() {
        // The iOS app lacks the permission to call getCurrentPosition.
        return Boolean(navigator.geolocation) && !isIosApp();
    }

    async onCheckIn() {
        if (!this.canLocate) {
            this.refused();
            return;
        }
        this.state.locating = true;
        navigator.geolocation.getCurrentPosition(
            (position) => this.checkIn(position.coords),
            () => {
                this.state.locating = false;
                this.refused();
            },
            { enableHighAccuracy: true, timeout: 30000 }
        );
    }

    async checkIn({ latitude, longitude, accuracy }) {
        const record = this.props.record;
        try {
            if (await record.save()) {
                // the visit report's form, or the route sheet's card of a visit
                const result = await this.orm.call(record.resModel, "action_check_in", [
                    [record.resId],
                    latitude,
                    longitude,
                    accuracy || 0,
                ]);
                await record.load();
                this.notification.add(
                    result.in_place
                        ? _t("Checked in %(distance)s m from the customer: in place.", {
                              distance: result.distance,
                          })
                        : _t("Checked in, but not in place (%(distance)s m from the customer).", {
                              distance: result.distance,
                          }),
                    { type: result.in_place ? "success" : "warning" }
                );
            }
        } finally {
            this.state.locating = false;
        }
    }

    refused() {
        this.notification.add(
            _t(
                "Your position could not be read: allow location access for Odoo and try again, or use Manual Check-in (it is flagged as not in place)."
            ),
            { type: "danger", sticky: true }
        );
    }
}

export const visitCheckIn = {
    component: VisitCheckIn,
};

registry.category("view_widgets").add("visit_check_in", visitCheckIn);
