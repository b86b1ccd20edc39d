// The service worker of the ticket page's Web Push (registered by queue_ticket.js). It only shows the
// notices the site sends, "your turn is near" and "please come to counter n", and opens the ticket page
// when one is tapped. It controls no page and answers no request (its scope is this folder of /assets).
self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("push", (event) => {
	let notice = {};
	try {
		notice = event.data ? event.data.json() : {};
	} catch (e) {
		notice = { body: event.data ? event.data.text() : "" };
	}
	event.waitUntil(
		self.registration.showNotification(notice.title || "", {
			body: notice.body || "",
			tag: notice.tag || "mnc-queue",
			renotify: true,
			data: { url: notice.url || "" },
		})
	);
});

self.addEventListener("notificationclick", (event) => {
	event.notification.close();
	const url = (event.notification.data && event.notification.data.url) || "";
	// only the site's own ticket page
	if (url && new URL(url, self.location.origin).origin === self.location.origin) {
		event.waitUntil(self.clients.openWindow(url));
	}
});
