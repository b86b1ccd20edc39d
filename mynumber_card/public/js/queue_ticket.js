// The ticket on the resident's phone (/queue-ticket?token=…). Through Frappe's realtime (socket.io) the
// page joins its ticket's own room and hears what changed for it after every change of the queue
// (counter_queue/line.py): it asks nothing. Without a socket it asks for its ticket every 2 s while the
// next calls may reach it (every 10 s further back; every 30 s with a socket, in case a message was
// missed). The words are in the page; this script fills in numbers and shows one of the page's states.
// The call-back: Web Push through a service worker of the site (its own scope under /assets: it only
// shows the notices), or an SMS number or mail address sent with the ticket's link.
(function () {
	const API = "/api/method/mynumber_card.api.queue_phone.";
	const WITH_SOCKET_MS = 30000;
	const WORKER = "/assets/mynumber_card/js/queue_ticket_sw.js";
	const FINAL = ["done", "cancelled"];
	let $page = null;
	let state = null;
	let token = "";
	let heard_at = 0;
	let timer = null;
	const page_title = document.title;
	// the town's time (System Settings), whatever the phone's own time zone
	const clock = new Intl.DateTimeFormat(document.documentElement.lang || "ja", {
		hour: "2-digit",
		minute: "2-digit",
		timeZone: (frappe.boot.time_zone && frappe.boot.time_zone.system) || undefined,
	});

	function socket_connected() {
		return Boolean(frappe.realtime && frappe.realtime.socket && frappe.realtime.socket.connected);
	}

	function message(key) {
		return $page.find(".mnc-qt-messages li").filter((i, li) => $(li).attr("data-key") === key).text();
	}

	function say(text) {
		$page.find(".mnc-qt-result").text(text || "");
	}

	function render(previous) {
		$page.attr("data-status", state.status);
		$page.find(".mnc-qt-state[data-for='waiting']").toggleClass("mnc-qt-first", state.ahead === 0);
		$page.find(".mnc-qt-ahead-n").text(state.ahead == null ? "" : state.ahead);
		$page.find(".mnc-qt-minutes-n").text(state.minutes == null ? "" : state.minutes);
		$page.find(".mnc-qt-counter").text(state.counter == null ? "" : state.counter);
		$page.find(".mnc-qt-minutes").prop("hidden", !state.minutes);
		const newly_called = state.status === "called" && (!previous || previous.call_key !== state.call_key);
		if (newly_called) {
			$page.removeClass("mnc-qt-calling");
			void $page[0].offsetWidth; // the flash again for a recall
			$page.addClass("mnc-qt-calling");
			try {
				if (navigator.vibrate) navigator.vibrate([400, 200, 400]);
			} catch (e) {
				// no vibration on this device: the screen still tells
			}
		}
		document.title = state.status === "called" ? message("called_title") + state.number : page_title;
		show_alerts(state.alerts || []);
		$page.find(".mnc-qt-updated").text(clock.format(new Date()));
		if (FINAL.includes(state.status)) $page.find(".mnc-qt-alerts").remove();
	}

	function take(view) {
		const previous = state;
		state = Object.assign({}, state, view);
		render(previous);
		schedule();
	}

	function fetch_state() {
		const url = API + "ticket?" + new URLSearchParams({ token }).toString();
		return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
			.then((r) => (r.ok ? r.json() : null))
			.then((body) => body && take(body.message))
			.catch(() => null); // the network is back on the next round
	}

	// what changed for this ticket, from its realtime room; an older message than one taken is dropped
	function from_room(message) {
		if (!message || message.at <= heard_at) return;
		heard_at = message.at;
		take(message);
	}

	function join_room() {
		if (state.room) frappe.realtime.emit("task_subscribe", state.room);
	}

	function schedule() {
		clearTimeout(timer);
		if (FINAL.includes(state.status)) return;
		const wait = socket_connected() ? WITH_SOCKET_MS : (state.poll_s || 2) * 1000;
		timer = setTimeout(() => fetch_state().finally(schedule), wait);
	}

	// the call-back ---------------------------------------------------------------------------------
	function show_alerts(channels) {
		const names = channels.map((channel) =>
			$page.find(".mnc-qt-channel-names li").filter((i, li) => $(li).attr("data-channel") === channel).text()
		);
		$page.find(".mnc-qt-alerts-list").text(names.join("・"));
		$page.find(".mnc-qt-alerts-on").prop("hidden", !channels.length);
		$page.find(".mnc-qt-stop").prop("hidden", !channels.length);
		$page.find(".mnc-qt-push").prop("hidden", channels.includes("Web Push"));
	}

	function post(method, args) {
		return fetch(API + method, {
			method: "POST",
			headers: { Accept: "application/json", "X-Frappe-CSRF-Token": frappe.csrf_token || "" },
			body: new URLSearchParams(Object.assign({ token }, args)),
			credentials: "same-origin",
		}).then((r) =>
			r.json().then((body) => {
				if (r.ok) return body.message;
				let text = r.status === 429 ? message("busy") : message("failed");
				try {
					text = JSON.parse(JSON.parse(body._server_messages)[0]).message || text;
				} catch (e) {
					// no message from the server: the general one stays
				}
				throw new Error(frappe.utils.html2text(text));
			})
		);
	}

	function answered(answer) {
		state.alerts = answer.alerts;
		show_alerts(answer.alerts);
		say(answer.message);
	}

	function key_bytes(base64url) {
		const padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
		return Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0));
	}

	function activated(registration) {
		if (registration.active) return Promise.resolve(registration);
		const worker = registration.installing || registration.waiting;
		return new Promise((resolve) => {
			worker.addEventListener("statechange", () => {
				if (worker.state === "activated") resolve(registration);
			});
		});
	}

	function subscribe_push() {
		const vapid = $page.attr("data-vapid");
		say("");
		return navigator.serviceWorker
			.register(WORKER)
			.then(activated)
			.then((registration) =>
				Notification.requestPermission().then((permission) => {
					if (permission !== "granted") throw new Error(message("denied"));
					return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key_bytes(vapid) });
				})
			)
			.then((subscription) => post("subscribe_push", { subscription: JSON.stringify(subscription.toJSON()) }))
			.then(answered)
			.catch((error) => say((error && error.message) || message("failed")));
	}

	function bind_alerts() {
		const push_ready = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
		$page.find(".mnc-qt-push-way").prop("hidden", !push_ready);
		$page.find(".mnc-qt-push").on("click", subscribe_push);
		$page.find(".mnc-qt-contact").on("submit", (event) => {
			event.preventDefault();
			const $form = $(event.currentTarget);
			post("subscribe_contact", { channel: $form.attr("data-channel"), value: $form.find("input").val() })
				.then((answer) => {
					$form.find("input").val("");
					answered(answer);
				})
				.catch((error) => say(error.message));
		});
		$page.find(".mnc-qt-stop").on("click", () =>
			post("unsubscribe", {})
				.then(answered)
				.catch((error) => say(error.message))
		);
	}

	frappe.ready(() => {
		$page = $(".mnc-qt");
		if (!$page.attr("data-state")) return; // the link could not be used: the page says why
		state = JSON.parse($page.attr("data-state")); // the server's first state, escaped in the page
		token = $page.attr("data-token");
		render(null);
		bind_alerts();
		if (frappe.realtime && frappe.realtime.socket) {
			frappe.realtime.on("mnc_ticket", from_room);
			// (again after a reconnection: the server forgets a socket's rooms)
			frappe.realtime.socket.on("connect", () => {
				join_room();
				fetch_state().finally(schedule);
			});
			frappe.realtime.socket.on("disconnect", schedule);
			if (frappe.realtime.socket.connected) join_room();
		}
		schedule();
	});
})();
