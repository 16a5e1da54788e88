# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from unittest.mock import patch

from odoo import api
from odoo.http import Application
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from .test_journey_tours import JourneyCase

NETWORK_SIGNAL = "visit_network:"
NETWORK_ERROR = "ConnectionLostError"
MANAGER_EDITS = "visit_test:manager_edits"


@tagged("post_install", "-at_install")
class TestVisitAppOffline(JourneyCase):
    """The Visits app on a phone in real Chromium: the network is cut with
    DevTools' network emulation (the page's and its service workers' requests
    fail, navigator.onLine is false) while the rep does the whole visit, then
    restored; cut again, the app opens from what the phone kept."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workshop = cls.env["res.partner"].create(
            {"name": "Pudong Tools", "is_company": True, "visit_tier": "c"}
        )
        # this morning: the visits end (check-out) after their planned start
        plan = cls._approved_plan(
            [
                {
                    "partner_id": partner.id,
                    "contact_id": partner.child_ids[:1].id,
                    "planned_datetime": cls._at(hour),
                }
                for partner, hour in ((cls.customer, 11), (cls.workshop, 10))
            ]
        )
        cls.line, workshop_line = plan.line_ids.sorted(
            lambda line: line.partner_id.name
        )
        # started online earlier: the app knows its text
        cls.started = workshop_line.with_user(cls.rep)._visit_report()
        cls.started.customer_needs = "<p>Needs 10 drills</p>"

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        """Cuts or restores the network when a step asks for it."""
        original = ChromeBrowser._handle_console

        def handle_console(browser, type, args=None, **kw):  # pylint: disable=redefined-builtin
            message = str(browser._from_remoteobject(args[0]) if args else "")
            if type == "log" and message == MANAGER_EDITS:
                self._manager_edits(browser)
                return
            if type == "log" and message.startswith(NETWORK_SIGNAL):
                self.offline = message.removeprefix(NETWORK_SIGNAL) == "offline"
                self._emulate_network(browser, self.offline)
                return
            if type == "error" and NETWORK_ERROR in " ".join(
                str(browser._from_remoteobject(arg)) for arg in args or ()
            ):
                # the web client's own background calls (chat, bus) fail while
                # the network is cut; Odoo says "Connection lost" and retries
                browser._logger.info("while offline: %s", message)
                return
            original(browser, type, args=args, **kw)

        serve = Application.__call__
        self.offline, self.opened_offline = False, []

        def count_pages_opened_offline(app, environ, start_response):
            if self.offline and environ["PATH_INFO"] == url_path:
                self.opened_offline.append(url_path)
            return serve(app, environ, start_response)

        with (
            patch.object(ChromeBrowser, "_handle_console", handle_console),
            patch.object(Application, "__call__", count_pages_opened_offline),
        ):
            return super().start_tour(url_path, tour_name, step_delay, **kwargs)

    @staticmethod
    def _emulate_network(browser, offline):
        """Cuts or restores the network of the page and of its service workers
        (they fetch for the page on connections of their own): each is
        attached as DevTools attaches them and gets the same conditions, now
        and when it starts."""
        network = vars(browser).setdefault(
            "visit_network", {"offline": False, "workers": set()}
        )
        network["offline"] = offline

        def send(method, params=None, session=None):
            payload = {"id": next(browser._request_id), "method": method}
            payload["params"] = params or {}
            if session:
                payload["sessionId"] = session
            browser.ws.send(json.dumps(payload))

        def emulate(session=None):
            send("Network.enable", session=session)
            send(
                "Network.emulateNetworkConditions",
                {
                    "offline": network["offline"],
                    "latency": 0,
                    "downloadThroughput": -1,
                    "uploadThroughput": -1,
                },
                session,
            )

        def attached(sessionId, targetInfo, **_kw):
            if targetInfo["type"] == "service_worker":
                network["workers"].add(sessionId)
                emulate(sessionId)
            send("Runtime.runIfWaitingForDebugger", session=sessionId)

        if "Target.attachedToTarget" not in browser._handlers:
            browser._handlers["Target.attachedToTarget"] = attached
            send(
                "Target.setAutoAttach",
                {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": True},
            )
        emulate()
        for session in network["workers"]:
            emulate(session)

    def _manager_edits(self, browser):
        """The manager changes the started report's needs, in a request of
        their own while the rep's phone is offline, then lets the tour go on."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.manager.id, {})
            env["visit.report"].browse(
                self.started.id
            ).customer_needs = "<p>Needs 12 drills and a quote</p>"
        browser._websocket_send(
            "Runtime.evaluate",
            params={"expression": "document.body.dataset.visitManagerEdited = 1"},
        )

    def test_conflict_is_shown_not_overwritten(self):
        self._tour(
            self.rep, "/odoo/visit-app", "visit_management_visit_app_conflict_tour"
        )
        self.assertIn("30 drills", self.started.customer_needs)
        ledger = self.env["visit.offline.operation"].search(
            [("report_id", "=", self.started.id)], order="id"
        )
        self.assertEqual(ledger.mapped("state"), ["conflict", "applied"])
        self.assertEqual(
            ledger[0].server_values, {"customer_needs": "Needs 12 drills and a quote"}
        )
        self.assertScreenshots("visit_app_conflict")

    def test_day_read_before_keeping_mine_answers_last(self):
        """On a slow network the app's read of the day sent before the rep kept
        their text answers after the next one: the app drops it, and shows the
        text the server now holds (the tour fails on the manager's text)."""
        self._tour(
            self.rep, "/odoo/visit-app", "visit_management_visit_app_stale_day_tour"
        )
        self.assertIn("30 drills", self.started.customer_needs)

    def test_whole_visit_offline(self):
        Operation = self.env.registry["visit.offline.operation"]
        claim = Operation._claim
        answered_again = []

        def count_replays(operations, operation):
            entry, fresh = claim(operations, operation)
            if not fresh:
                answered_again.append(entry.kind)
            return entry, fresh

        with patch.object(Operation, "_claim", count_replays):
            self._tour(self.rep, "/odoo/visit-app", "visit_management_visit_app_tour")

        report = self.line.report_ids
        self.assertEqual(report.state, "submitted")
        self.assertTrue(report.checkin_offline and report.checkout_offline)
        self.assertTrue(report.checkin_received_time >= report.checkin_time)
        self.assertEqual(report.checkin_method, "gps")
        self.assertTrue(report.in_place)
        self.assertIn("200 pumps", report.customer_needs)
        self.assertIn("new catalogue", report.opinions)
        self.assertEqual(report.commitment_ids.mapped("name"), ["Send the price list"])
        self.assertEqual(report.photo_ids.kind, "shelf")
        self.assertTrue(report.photo_ids.offline)
        self.assertEqual(len(report.check_in_ids), 2)
        ledger = self.env["visit.offline.operation"].search(
            [("user_id", "=", self.rep.id)], order="id"
        )
        self.assertEqual(
            ledger.mapped("kind"),
            ["check_in", "texts", "commitment", "photo", "check_out", "submit"],
        )
        self.assertEqual(set(ledger.mapped("state")), {"applied"})
        # the second sync of the same queue: every change answered, none applied
        self.assertEqual(sorted(answered_again), sorted(ledger.mapped("kind")))
        # opened again without a network: the page came from the phone
        self.assertEqual(self.opened_offline, [])
        self.assertScreenshots("visit_app_day", "visit_app_offline", "visit_app_synced")


class TestVisitAppOfflineChinese(TestVisitAppOffline):
    lang = "zh_CN"


@tagged("post_install", "-at_install")
class TestVisitAppInstall(HttpCase):
    """Odoo's scoped app install: a home-screen icon that opens the Visits app."""

    def test_install_page_and_manifest(self):
        install = self.url_open(
            "/scoped_app?app_id=visit_management&path=scoped_app%2Fvisit-app"
        )
        self.assertEqual(install.status_code, 200)
        self.assertIn(
            "/web/manifest.scoped_app_manifest?app_id=visit_management", install.text
        )
        manifest = self.url_open(
            "/web/manifest.scoped_app_manifest?app_id=visit_management"
            "&path=%2Fscoped_app%2Fvisit-app"
        ).json()
        self.assertEqual(manifest["start_url"], "/scoped_app/visit-app")
        self.assertEqual(manifest["scope"], "/scoped_app/visit-app")
        self.assertEqual(manifest["display"], "standalone")
        [icon] = manifest["icons"]
        self.assertEqual(icon["src"], "/visit_management/static/description/icon.svg")
        self.assertEqual(self.url_open(icon["src"]).status_code, 200)
        self.assertEqual(
            self.env.ref("visit_management.visit_app_action").path, "visit-app"
        )

        worker = self.url_open("/visit_management/app/service-worker.js")
        self.assertEqual(worker.headers["Content-Type"], "text/javascript")
        # it serves the installed app's pages and the browser's
        self.assertEqual(worker.headers["Service-Worker-Allowed"], "/")
        self.assertIn('addEventListener("fetch"', worker.text)
