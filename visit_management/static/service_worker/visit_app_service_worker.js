// @odoo-module ignore

/**
 * The Visits app's service worker, modelled on point_of_sale's: it keeps the
 * app's page and what the page loads, so that the app opens on the phone
 * without a network (its data is in IndexedDB). Odoo's own worker keeps only
 * the home page, and only while it runs. The page is kept once per scope
 * (the installed app's and the browser's); bundles, whose names change with
 * their content, are read from the cache first; anything else the page gets
 * comes from the network while there is one. Calls to the server (POST) are
 * never kept. Logging out empties the cache.
 */
(function () {
  "use strict";

  const CACHE_NAME = "visit-management-app";

  self.addEventListener("install", () => self.skipWaiting());
  self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

  async function fromNetwork(request, key) {
    const cache = await caches.open(CACHE_NAME);
    try {
      const response = await fetch(request);
      // A redirect (to the login page) is not the app
      if (response.ok && !response.redirected) {
        await cache.put(key, response.clone());
      }
      return response;
    } catch (error) {
      const kept = await cache.match(key);
      if (kept) {
        return kept;
      }
      throw error;
    }
  }

  async function fromCache(request) {
    const kept = await caches.match(request);
    return kept || fromNetwork(request, request);
  }

  self.addEventListener("fetch", (event) => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== self.location.origin) {
      return;
    }
    if (request.mode === "navigate") {
      event.respondWith(fromNetwork(request, self.registration.scope));
    } else if (url.pathname.startsWith("/web/assets/")) {
      event.respondWith(fromCache(request));
    } else if (!url.pathname.startsWith("/websocket")) {
      event.respondWith(fromNetwork(request, request));
    }
  });

  self.addEventListener("message", (event) => {
    if (event.data === "user_logout") {
      event.waitUntil(caches.delete(CACHE_NAME));
    }
  });
})();
