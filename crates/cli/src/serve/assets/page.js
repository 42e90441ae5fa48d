// Lookout's status page, made readable without this script: it only shows times in the reader's
// time zone and keeps the page fresh — the main part fetched again when the server stores an
// event (/api/v1/events, when the reader may follow it), else every minute. Served as a file of
// its own: the page's Content-Security-Policy allows no inline script.
"use strict";
(() => {
  const localTimes = (root) => {
    for (const t of root.querySelectorAll("time[datetime]")) {
      const at = new Date(t.dateTime);
      if (Number.isNaN(at.getTime()) || t.dataset.local) continue;
      t.title = t.textContent;
      t.textContent = at.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
      t.dataset.local = "1";
    }
  };

  const refresh = async () => {
    try {
      const answer = await fetch(location.href, { cache: "no-cache", credentials: "same-origin" });
      if (!answer.ok) return;
      const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
      const main = fresh.querySelector("main");
      const shown = document.querySelector("main");
      if (!main || !shown) return;
      localTimes(main);
      shown.replaceWith(document.adoptNode(main));
      const footer = fresh.querySelector("footer");
      const shownFooter = document.querySelector("footer");
      if (footer && shownFooter) {
        localTimes(footer);
        shownFooter.replaceWith(document.adoptNode(footer));
      }
    } catch {
      // The server is away for now: the page stays as it was until the next try.
    }
  };

  let pending = null;
  const soon = () => {
    clearTimeout(pending);
    pending = setTimeout(refresh, 1500);
  };

  let polling = null;
  const poll = () => {
    polling = polling || setInterval(refresh, 60000);
  };

  const start = () => {
    localTimes(document);
    if (document.body.dataset.live === "events" && "EventSource" in window) {
      let events = null;
      const follow = () => {
        const stream = new EventSource("/api/v1/events");
        events = stream;
        stream.onmessage = soon;
        // After a dropped connection, catch up once the stream is back.
        let opened = false;
        stream.onopen = () => {
          if (opened) soon();
          opened = true;
        };
        // Refused for good (the browser did not send the token there): every minute instead.
        stream.onerror = () => {
          if (stream.readyState === EventSource.CLOSED) poll();
        };
      };
      follow();
      // A page left (or kept in the back-forward cache) lets its stream go: browsers hold only
      // six connections to a server, and a stream held by a page not shown would take one.
      addEventListener("pagehide", () => events && events.close());
      addEventListener("pageshow", (shown) => {
        if (shown.persisted) {
          follow();
          soon();
        }
      });
    } else {
      poll();
    }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
