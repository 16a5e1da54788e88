/* global L */
import {
  Component,
  onMounted,
  onWillStart,
  onWillUnmount,
  onWillUpdateProps,
  useRef,
  useState,
} from "@odoo/owl";
import {loadBundle} from "@web/core/assets";
import {useService} from "@web/core/utils/hooks";
import {CogMenu} from "@web/search/cog_menu/cog_menu";
import {Layout} from "@web/search/layout";
import {SearchBar} from "@web/search/search_bar/search_bar";
import {useSearchBarToggler} from "@web/search/search_bar/search_bar_toggler";
import {standardViewProps} from "@web/views/standard_view_props";

// Above so many points, the markers gather into clusters until zoomed in.
const CLUSTER_FROM = 100;
// Where a map with no point looks: Shanghai.
const DEFAULT_VIEW = {center: [31.23, 121.47], zoom: 11};

/** A DOM element: popups and markers are built from text, never from HTML. */
function element(tag, {className, text, style} = {}, children = []) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text) {
    node.textContent = text;
  }
  Object.assign(node.style, style || {});
  node.append(...children);
  return node;
}

export class VisitMapController extends Component {
  static template = "visit_management.MapView";
  static components = {Layout, SearchBar, CogMenu};
  static props = {...standardViewProps};

  setup() {
    this.orm = useService("orm");
    this.actionService = useService("action");
    this.mapRef = useRef("map");
    this.searchBarToggler = useSearchBarToggler();
    this.state = useState({data: null});
    onWillStart(async () => {
      await loadBundle("visit_management.leaflet_lib");
      await this.load(this.props);
    });
    onWillUpdateProps((nextProps) => this.load(nextProps));
    onMounted(() => this.createMap());
    onWillUnmount(() => this.map?.remove());
  }

  /** The phone's position to draw, or null: only Today's map asks for it. */
  async currentPosition() {
    return null;
  }

  async load(props) {
    const position = await this.currentPosition();
    this.state.data = await this.orm.call(
      props.resModel,
      "visit_map_data",
      [props.domain],
      {
        position,
        context: props.context,
      }
    );
    if (this.map) {
      this.drawData();
    }
  }

  createMap() {
    const {tiles} = this.state.data;
    this.map = L.map(this.mapRef.el, {attributionControl: true});
    for (const layer of tiles.layers) {
      L.tileLayer(layer, {
        subdomains: tiles.subdomains,
        attribution: tiles.attribution,
        maxZoom: tiles.max_zoom,
      }).addTo(this.map);
    }
    this.drawData();
  }

  drawData() {
    const {points, routes, position} = this.state.data;
    this.overlay?.remove();
    this.overlay = L.featureGroup().addTo(this.map);
    for (const route of routes) {
      L.polyline(route.positions, {
        color: route.color,
        weight: 4,
        opacity: 0.8,
        dashArray: route.dashed ? "8 8" : null,
      })
        .bindTooltip(route.name)
        .addTo(this.overlay);
    }
    const markers =
      points.length >= CLUSTER_FROM
        ? L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 50})
        : L.featureGroup();
    for (const point of points) {
      L.marker(point.position, {icon: this.markerIcon(point), title: point.title})
        .bindPopup(() => this.popup(point))
        .addTo(markers);
    }
    markers.addTo(this.overlay);
    if (position) {
      L.circleMarker(position, {
        radius: 9,
        weight: 3,
        color: "#ffffff",
        fillColor: "#1d4ed8",
        fillOpacity: 1,
        className: "o_visit_map_position",
      }).addTo(this.overlay);
    }
    const bounds = this.overlay.getBounds();
    if (bounds.isValid()) {
      this.map.fitBounds(bounds, {padding: [32, 32], maxZoom: 16});
    } else {
      this.map.setView(DEFAULT_VIEW.center, DEFAULT_VIEW.zoom);
    }
  }

  markerIcon(point) {
    const pin = element("span", {
      className:
        "o_visit_map_pin" + (point.approximate ? " o_visit_map_approximate" : ""),
      text: point.label || "",
      style: {backgroundColor: point.color, borderColor: point.ring || "#ffffff"},
    });
    return L.divIcon({html: pin, className: "o_visit_map_marker", iconSize: [30, 30]});
  }

  popup(point) {
    const title = element("a", {className: "fw-bold fs-6", text: point.title});
    title.href = "#";
    title.addEventListener("click", (ev) => {
      ev.preventDefault();
      this.props.selectRecord(point.id);
    });
    const links = point.links.map((link) => {
      const anchor = element("a", {
        className: "btn btn-link px-0 me-3",
        text: link.label,
      });
      Object.assign(anchor, {href: link.url, target: "_blank", rel: "noopener"});
      return anchor;
    });
    const actions = point.actions.map((action) => {
      const button = element("button", {
        className: "btn btn-primary btn-sm me-2",
        text: action.label,
      });
      button.addEventListener("click", () => this.callAction(point, action.method));
      return button;
    });
    return element("div", {className: "o_visit_map_popup"}, [
      title,
      ...point.lines.map((line) =>
        element("div", {className: "text-muted", text: line})
      ),
      element("div", {className: "mt-2 d-flex flex-wrap align-items-center"}, [
        ...actions,
        ...links,
      ]),
    ]);
  }

  /** A popup's button: the record's method, run as a button of its form. */
  async callAction(point, method) {
    this.map.closePopup();
    await this.actionService.doActionButton({
      type: "object",
      name: method,
      resModel: this.props.resModel,
      resId: point.id,
      context: this.props.context,
      onClose: () => this.load(this.props),
    });
  }

  legendStyle(item) {
    if (item.dashed || item.line) {
      return `border-top: 3px ${item.dashed ? "dashed" : "solid"} ${item.color};`;
    }
    return `background-color: ${item.color || "transparent"}; border-color: ${
      item.ring || "#ffffff"
    };`;
  }
}
