# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Real HTTP servers on loopback that stand in for outside services (a
geocoder, map tiles) during a test class."""

import threading
from http.server import ThreadingHTTPServer


def serve_on_loopback(case_class, handler):
    """Starts a server of `handler` on a free loopback port for the test class,
    stopped when the class ends; returns its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    case_class.addClassCleanup(server.server_close)
    case_class.addClassCleanup(server.shutdown)
    return f"http://127.0.0.1:{server.server_port}"
