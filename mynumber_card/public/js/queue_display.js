// The calling display (/queue-display) for a TV in the waiting area. Frappe's realtime (socket.io)
// says when the queue changed; without a socket the page polls the guest endpoint every second
// (every 30 with one, in case an event was missed). A number called for the first time, or called
// again, chimes and is announced: 「A-012 番の方 3番窓口へどうぞ」.
(function () {
	const STATE_URL = "/api/method/mynumber_card.api.queue_display.state";
	const FAST_MS = 1000;
	const SLOW_MS = 30000;
	const ANNOUNCE_MS = 12000;
	const esc = (s) => frappe.utils.escape_html(s == null ? "" : String(s)); // as the desk's mynumber_card.esc
	const seen = new Set();
	let audio = null;
	let timer = null;
	let announce_timer = null;

	function socket_connected() {
		return Boolean(frappe.realtime && frappe.realtime.socket && frappe.realtime.socket.connected);
	}

	function chime() {
		if (!audio || audio.state !== "running") return;
		// two tones, as halls' calling systems do
		[
			[880, 0],
			[660, 0.45],
		].forEach(([frequency, start]) => {
			const osc = audio.createOscillator();
			const gain = audio.createGain();
			osc.frequency.value = frequency;
			gain.gain.setValueAtTime(0.0001, audio.currentTime + start);
			gain.gain.exponentialRampToValueAtTime(0.4, audio.currentTime + start + 0.03);
			gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + start + 0.8);
			osc.connect(gain).connect(audio.destination);
			osc.start(audio.currentTime + start);
			osc.stop(audio.currentTime + start + 0.85);
		});
	}

	function enable_sound() {
		try {
			audio = audio || new (window.AudioContext || window.webkitAudioContext)();
			audio.resume().then(() => $(".mnc-qd-sound").prop("hidden", audio.state === "running"));
		} catch (e) {
			$(".mnc-qd-sound").prop("hidden", true); // no sound device: the screen still tells
		}
	}

	function announce(rows) {
		const text = rows.map((r) => r.announcement).join("　");
		$(".mnc-qd-announce").text(text).addClass("mnc-qd-announce-on");
		chime();
		clearTimeout(announce_timer);
		announce_timer = setTimeout(() => $(".mnc-qd-announce").removeClass("mnc-qd-announce-on").text(""), ANNOUNCE_MS);
	}

	function render(state) {
		const fresh = seen.size ? state.called.filter((r) => !seen.has(r.key)) : [];
		$(".mnc-qd-called-list").html(
			state.called
				.map(
					(r) => `<li class="mnc-qd-ticket${fresh.includes(r) ? " mnc-qd-fresh" : ""}" data-key="${esc(r.key)}">
						<span class="mnc-qd-number">${esc(r.number)}</span>
						<span class="mnc-qd-counter">${esc(r.counter)}<small>番窓口</small></span></li>`
				)
				.join("")
		);
		$(".mnc-qd-next-list").html(state.next.map((n) => `<li>${esc(n)}</li>`).join(""));
		$(".mnc-qd-waiting").text(state.waiting_count);
		if (fresh.length) announce(fresh);
		state.called.forEach((r) => seen.add(r.key));
		if (!seen.size) seen.add("(started)"); // numbers on screen at start are not announced
	}

	function fetch_state() {
		// the display's office (its address's ?office=, rendered into the page): its own line only
		const office = $(".mnc-qd").attr("data-office");
		const url = office ? `${STATE_URL}?${new URLSearchParams({ office })}` : STATE_URL;
		return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
			.then((r) => (r.ok ? r.json() : null))
			.then((body) => body && render(body.message))
			.catch(() => null); // the network is back on the next round
	}

	function schedule() {
		clearTimeout(timer);
		const wait = socket_connected() ? SLOW_MS : FAST_MS;
		timer = setTimeout(() => fetch_state().finally(schedule), wait);
	}

	// the town's time (System Settings), whatever the TV's own clock is set to
	const clock = new Intl.DateTimeFormat("ja-JP", {
		hour: "numeric",
		minute: "2-digit",
		timeZone: (frappe.boot.time_zone && frappe.boot.time_zone.system) || undefined,
	});

	function tick_clock() {
		$(".mnc-qd-clock").text(clock.format(new Date()));
	}

	frappe.ready(() => {
		render(JSON.parse($(".mnc-qd").attr("data-state"))); // the server's first state, escaped in the page
		tick_clock();
		setInterval(tick_clock, 10000);
		$(".mnc-qd-sound").on("click", enable_sound);
		enable_sound(); // a kiosk browser started with --autoplay-policy=no-user-gesture-required needs no tap
		if (frappe.realtime && frappe.realtime.socket) {
			frappe.realtime.on("mnc_queue", () => fetch_state());
			frappe.realtime.socket.on("connect", schedule);
			frappe.realtime.socket.on("disconnect", schedule);
		}
		schedule();
	});
})();
