"""Times the main screens as each role opens them on a phone (375x667, touch).

Run against the demo database served by `make run` (another terminal):

    .venv/bin/python scripts/page_times.py [--url URL] [--db visit_demo]

Each screen is opened by its URL in headless Chromium, logged in as the demo user
of its role, ROUNDS times after one warm-up (browser cache warm, as on a phone
that used the app before). A screen is ready when its view is drawn and no
request is pending. Prints the median and the slowest round, in seconds.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time

import requests
import websocket

ROUNDS = 5
# a screen not drawn by then is broken, not slow
TIMEOUT = 20
PHONE = {"width": 375, "height": 667, "deviceScaleFactor": 2, "mobile": True}
READY = """(() => {
    const view = document.querySelector('.o_action_manager .o_view_controller');
    const busy = document.querySelector('.o_loading_indicator, .o_blockUI');
    return Boolean(view) && !busy;
})()"""


def rpc(session, url, model, method, args, kwargs=None):
    response = session.post(
        f"{url}/web/dataset/call_kw",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        },
        timeout=60,
    ).json()
    if "error" in response:
        raise RuntimeError(response["error"]["data"]["message"])
    return response["result"]


def login(url, db, user):
    session = requests.Session()
    response = session.post(
        f"{url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "params": {"db": db, "login": user, "password": "demo"},
        },
        timeout=60,
    ).json()
    if "error" in response or not response.get("result"):
        raise SystemExit(f"{user} cannot log in to {db}: {response.get('error')}")
    return session


def first_id(session, url, model, domain):
    ids = rpc(session, url, model, "search", [domain], {"limit": 1})
    if not ids:
        raise SystemExit(f"no {model} matches {domain} in the demo")
    return ids[0]


def screens(url, db):
    """(role, screen, login, path) of the main screens of each role."""
    rep = login(url, db, "zhangwei")
    office = login(url, db, "majun")
    report = first_id(rep, url, "visit.report", [])
    plan = first_id(rep, url, "visit.plan", [])
    reports = "visit_management.visit_report_action"
    plans = "visit_management.visit_plan_action"
    assessments = "visit_management.visit_assessment_action"
    callbacks = "visit_management_property.property_resident_callback_action"
    callback = first_id(
        office, url, "property.resident.callback", [("state", "=", "todo")]
    )
    return [
        ("rep", "landing (Today)", "zhangwei", "/odoo"),
        ("rep", "visit report form", "zhangwei", f"/odoo/action-{reports}/{report}"),
        ("rep", "new visit report", "zhangwei", f"/odoo/action-{reports}/new"),
        ("rep", "my visit reports", "zhangwei", f"/odoo/action-{reports}"),
        ("rep", "visit plan form", "zhangwei", f"/odoo/action-{plans}/{plan}"),
        ("manager", "landing (team overview)", "wangjianguo", "/odoo"),
        ("manager", "Team Today", "wangjianguo", "/odoo/visit-team-today"),
        (
            "manager",
            "visit reports to review",
            "wangjianguo",
            f"/odoo/action-{reports}",
        ),
        ("manager", "assessments", "wangjianguo", f"/odoo/action-{assessments}"),
        ("front desk", "landing (receptions today)", "xujing", "/odoo"),
        ("property office", "landing (overview)", "majun", "/odoo"),
        (
            "property office",
            "callback form",
            "majun",
            f"/odoo/action-{callbacks}/{callback}",
        ),
    ]


class Page:
    """One Chromium tab driven over the DevTools protocol."""

    def __init__(self, port):
        for _attempt in range(100):
            try:
                targets = requests.get(
                    f"http://127.0.0.1:{port}/json", timeout=2
                ).json()
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        page = next(target for target in targets if target["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"])
        self.last_id = 0

    def send(self, method, **params):
        self.last_id += 1
        self.socket.send(
            json.dumps({"id": self.last_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def open(self, url):
        """Seconds from navigating to the screen being ready (steady for 100 ms)."""
        start = time.perf_counter()
        self.send("Page.navigate", url=url)
        time.sleep(0.05)
        ready_since = None
        while time.perf_counter() - start < TIMEOUT:
            ready = self.send("Runtime.evaluate", expression=READY)["result"].get(
                "value"
            )
            now = time.perf_counter()
            if ready and ready_since is None:
                ready_since = now
            elif not ready:
                ready_since = None
            if ready_since and now - ready_since >= 0.1:
                return ready_since - start
            time.sleep(0.02)
        raise SystemExit(f"{url} was not ready within {TIMEOUT} s")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="visit_demo")
    options = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("Chromium is needed (Debian: apt-get install chromium).")
    rows = []
    for role, screen, user, path in screens(options.url, options.db):
        port = free_port()
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
            browser = subprocess.Popen(
                [
                    chromium,
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    f"--remote-debugging-port={port}",
                    f"--user-data-dir={profile}",
                    "about:blank",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                page = Page(port)
                page.send("Emulation.setDeviceMetricsOverride", **PHONE)
                page.send("Emulation.setTouchEmulationEnabled", enabled=True)
                page.send("Runtime.enable")
                cookie = login(options.url, options.db, user).cookies["session_id"]
                page.send(
                    "Network.setCookie",
                    name="session_id",
                    value=cookie,
                    url=options.url,
                )
                page.open(options.url + path)
                times = [page.open(options.url + path) for _round in range(ROUNDS)]
            finally:
                os.killpg(browser.pid, signal.SIGTERM)
                browser.wait()
        median, slowest = statistics.median(times), max(times)
        rows.append(screen)
        print(
            f"{role:16} {screen:30} median {median:.2f} s   slowest {slowest:.2f} s",
            flush=True,
        )
    print(
        f"\n{len(rows)} screens, {ROUNDS} rounds each, on a {PHONE['width']}x"
        f"{PHONE['height']} phone; {os.cpu_count()} cores serve and render."
    )


if __name__ == "__main__":
    main()
