// The Card Scanner: a USB keyboard-wedge scanner (keystrokes then Enter), the camera, or a photo.
// The input keeps focus; the result shows big, in colour, with a sound. In the modes core marks as
// batched (a delivery's box, a stack of notices) the page queues the codes as they come and sends them
// every BATCH_SIZE codes or BATCH_WAIT_MS after the first, so that the clerk never waits on the server;
// the server answers per code. The other modes send each scan at once.
// The modes and whether this user may hand over without a booking come through boot (boot.py), so the
// page names no mode and no role. Shaped like Frappe's permission manager page: a class per page.
frappe.provide("mynumber_card");

frappe.pages["card-scanner"].on_page_load = (wrapper) => {
	wrapper.card_scanner = new mynumber_card.CardScanner(wrapper);
};

frappe.pages["card-scanner"].on_page_show = (wrapper) => {
	if (wrapper.card_scanner) wrapper.card_scanner.focus();
};

const BATCH_SIZE = 20;
const BATCH_WAIT_MS = 1000;

mynumber_card.CardScanner = class CardScanner {
	constructor(wrapper) {
		this.page = frappe.ui.make_app_page({
			parent: wrapper,
			title: __("Card Scanner"),
			single_column: true,
		});
		this.modes = frappe.boot.mynumber_card_scan_modes; // core/scan_modes.page_modes(), via boot.py
		this.can_override = frappe.boot.mynumber_card_can_override_handover; // roles.is_manager(), via boot.py
		this.session_id = frappe.utils.get_random(16);
		this.history = [];
		this.delivery = null;
		this.queued = []; // codes waiting to be sent, with the mode and delivery they were scanned in
		this.sending = false;
		this.make();
		this.bind();
		this.set_mode(this.modes[0]);
		this.add_queue_panel();
	}

	// The counter queue's clerk panel (call next, recall, done…), the same as on the counter-queue page.
	add_queue_panel() {
		const assets = [
			"/assets/mynumber_card/js/counter_queue_panel.js",
			"/assets/mynumber_card/css/counter_queue_panel.css",
		];
		frappe.require(assets, () => {
			this.queue_panel = new mynumber_card.CounterQueuePanel({
				parent: this.page.main,
				page: this.page,
			});
		});
	}

	make() {
		const esc = mynumber_card.esc;
		this.$root = $(`
			<div class="mnc-scanner">
				<div class="mnc-modes" role="radiogroup" aria-label="${__("Mode")}">
					${this.modes
						.map(
							(m) => `<button type="button" class="btn btn-default mnc-mode" role="radio"
							data-mode="${esc(m.name)}">${esc(__(m.name))}</button>`
						)
						.join("")}
				</div>
				<div class="mnc-options"></div>
				<label class="mnc-input-label" for="mnc-scan-input">${__("Scan or type a code, then Enter")}</label>
				<input id="mnc-scan-input" class="form-control mnc-scan-input" autocomplete="off" spellcheck="false"
					inputmode="latin" lang="en">
				<div class="mnc-tools">
					<button type="button" class="btn btn-default btn-sm mnc-camera">${__("Camera")}</button>
					<button type="button" class="btn btn-default btn-sm mnc-photo-button">${__("Photo")}</button>
					<input type="file" accept="image/*" class="mnc-photo" hidden>
					<button type="button" class="btn btn-default btn-sm mnc-undo" disabled>${__("Undo last scan")}</button>
					<span class="mnc-count" aria-live="polite"></span>
					<span class="mnc-queued text-muted" aria-live="polite"></span>
				</div>
				<div class="mnc-result" role="status" aria-live="assertive"></div>
				<h5>${__("Last 20 scans")}</h5>
				<ol class="mnc-history"></ol>
			</div>`).appendTo(this.page.main);
		this.$input = this.$root.find(".mnc-scan-input");
		this.$photo = this.$root.find(".mnc-photo");
		this.$undo = this.$root.find(".mnc-undo");
		this.$result = this.$root.find(".mnc-result");
	}

	bind() {
		this.$input.on("keydown", (e) => {
			if (e.key !== "Enter") return;
			e.preventDefault();
			const code = this.$input.val();
			this.$input.val("");
			this.submit(code);
		});
		// The scanner is the keyboard: keep the input focused unless staff are using another control.
		this.$root.on("click", (e) => {
			if (!$(e.target).is("input, select, button, label")) this.focus();
		});
		this.$root.find(".mnc-mode").on("click", (e) => {
			this.set_mode(this.modes.find((m) => m.name === e.currentTarget.dataset.mode));
		});
		this.$undo.on("click", () => this.undo());
		this.$root.find(".mnc-camera").on("click", () => this.open_camera());
		this.$root.find(".mnc-photo-button").on("click", () => this.$photo.trigger("click"));
		this.$photo.on("change", () => {
			const file = this.$photo[0].files[0];
			this.$photo.val(""); // the same photo chosen again is read again
			if (file) this.scan_photo(file);
		});
	}

	focus() {
		this.$input.trigger("focus");
	}

	set_mode(mode) {
		this.send_queued(); // codes already scanned go in the mode they were scanned in
		this.mode = mode;
		this.$root.find(".mnc-mode").each((_, button) => {
			const on = button.dataset.mode === mode.name;
			$(button).toggleClass("btn-primary", on).attr("aria-checked", String(on));
		});
		this.render_options();
		this.focus();
	}

	// What the mode asks besides the code (core/scan_modes.ASKS), named by the scan endpoint's argument.
	render_options() {
		const $options = this.$root.find(".mnc-options").empty();
		if (this.mode.asks === "delivery") {
			this.render_deliveries($options);
		} else if (this.mode.asks === "override_reason") {
			// a scan hands the card to its holder; for a proxy or a legal representative the page asks
			// who came and what they showed (handover_dialog.js), then scans again with it
			const hint = `<p class="text-muted">${mynumber_card.esc(
				__(
					"A scan hands the card to its holder. When a proxy or a legal representative comes, a dialog asks who came and what they showed (Ctrl+S records)."
				)
			)}</p>`;
			const override = this.can_override
				? `<label>${__("Manager override reason (only without a checked-in booking)")}
					<input class="form-control input-sm mnc-override"></label>`
				: "";
			$options.html(hint + override);
		} else if (this.mode.asks === "staff_2") {
			$options.html(`<label>${__(
				"Second staff member (witness)"
			)} <input class="form-control input-sm mnc-staff2"
				placeholder="user@town.example.jp"></label>`);
		}
	}

	render_deliveries($options) {
		const esc = mynumber_card.esc;
		const mode = this.mode;
		frappe.call("mynumber_card.api.scanner.open_deliveries").then(({ message }) => {
			if (this.mode !== mode) return; // the clerk chose another mode meanwhile
			const rows = message || [];
			if (!rows.length) {
				$options.html(`<p class="text-muted">${__("Create an open Card Delivery first.")}</p>`);
				return;
			}
			this.delivery = rows.some((r) => r.name === this.delivery) ? this.delivery : rows[0].name;
			$options.html(
				`<label>${__("Card Delivery")} <select class="form-control input-sm mnc-delivery">${rows
					.map(
						(r) => `<option value="${esc(r.name)}">${esc(r.name)} ${esc(
							r.shipment_reference || ""
						)}
					(${esc(r.counted_count)}/${esc(r.expected_count)})</option>`
					)
					.join("")}</select></label>`
			);
			$options
				.find(".mnc-delivery")
				.val(this.delivery)
				.on("change", (e) => {
					this.send_queued();
					this.delivery = $(e.currentTarget).val();
					this.focus();
				});
		});
	}

	options() {
		return {
			delivery: this.delivery,
			override_reason: this.$root.find(".mnc-override").val() || null,
			staff_2: this.$root.find(".mnc-staff2").val() || null,
		};
	}

	// A code from the wedge or the camera: queued in a batched mode, sent at once otherwise.
	submit(code) {
		if (!code) return;
		if (!this.mode.batched) return this.scan(code);
		this.queued.push({ code, mode: this.mode.name, delivery: this.delivery });
		this.show_queued();
		if (this.queued.length >= BATCH_SIZE) this.send_queued();
		else if (!this.batch_timer) this.batch_timer = setTimeout(() => this.send_queued(), BATCH_WAIT_MS);
	}

	send_queued() {
		clearTimeout(this.batch_timer);
		this.batch_timer = null;
		if (this.sending || !this.queued.length) return;
		const first = this.queued[0];
		const same = (q) => q.mode === first.mode && q.delivery === first.delivery;
		const other = this.queued.findIndex((q) => !same(q));
		const batch = this.queued.splice(0, Math.min(BATCH_SIZE, other < 0 ? this.queued.length : other));
		this.sending = true;
		this.show_queued();
		frappe
			.call({
				method: "mynumber_card.api.scanner.scan_batch",
				type: "POST",
				args: {
					mode: first.mode,
					codes: batch.map((q) => q.code),
					delivery: first.delivery,
					session_id: this.session_id,
				},
				error: () => this.refuse_batch(batch),
			})
			.then(({ message }) => message && this.show(message.results, message.message))
			.always(() => {
				this.sending = false;
				this.show_queued();
				if (this.queued.length) this.send_queued();
			});
	}

	// The request failed as a whole (connection, server error): nothing of it was kept. The codes are
	// not shown: only the server masks them (a 個人番号 is never echoed).
	refuse_batch(batch) {
		const reason = __("{0} codes were not sent: the connection or the server failed. Scan them again.", [
			batch.length,
		]);
		this.remember([{ ok: false, result: "Refused", masked: "", message: reason }]);
		this.render_result("mnc-ng", `✗ ${mynumber_card.esc(reason)}`, "");
		this.beep(false);
	}

	show_queued() {
		const waiting = this.queued.length;
		this.$root.find(".mnc-queued").text(waiting ? __("{0} codes waiting to be sent", [waiting]) : "");
	}

	scan(code, handover = null) {
		if (!code) return;
		return frappe
			.call({
				method: "mynumber_card.api.scanner.scan",
				type: "POST",
				args: {
					mode: this.mode.name,
					code,
					session_id: this.session_id,
					...this.options(),
					...(handover ? { handover } : {}),
				},
			})
			.then(({ message }) => {
				this.show([message]);
				if (message.handover && message.card && !handover) this.ask_who_came(code, message.card);
				return message;
			});
	}

	// The card goes to a proxy or a legal representative: record who came and what they showed, then
	// the same scan again with it. Refused again, the dialog stays open with the server's reasons.
	ask_who_came(code, card) {
		frappe.require("/assets/mynumber_card/js/handover_dialog.js", () => {
			mynumber_card.handover.options(card.name).then((options) => {
				mynumber_card.handover.open({
					options,
					values: options.card.booked_proxy || {},
					title: __("Issue: {0}", [mynumber_card.esc(card.full_name || card.application_id)]),
					on_submit: (values, dialog) => {
						this.scan(code, values).then((result) => {
							if (result.ok) {
								dialog.hide();
								this.focus();
							} else {
								mynumber_card.handover.show_problems(
									dialog,
									String(result.message || "")
										.split("\n")
										.map((line) => mynumber_card.esc(line))
								);
							}
						});
					},
				});
			});
		});
	}

	open_camera() {
		new frappe.ui.Scanner({
			dialog: true,
			multiple: false,
			on_scan: (data) => this.submit(data.decodedText),
		});
	}

	// The server decodes the photo and scans every code in it; a photo it cannot use is refused with
	// the reason, which is shown like a refused scan rather than dropped.
	async scan_photo(file) {
		const form = new FormData();
		form.append("file", file);
		form.append("mode", this.mode.name);
		if (this.delivery) form.append("delivery", this.delivery);
		form.append("session_id", this.session_id);
		this.render_result("mnc-wait", mynumber_card.esc(__("Reading the photo…")), "");
		let response;
		let body;
		try {
			response = await fetch("/api/method/mynumber_card.api.scanner.scan_photo", {
				method: "POST",
				body: form,
				headers: { "X-Frappe-CSRF-Token": frappe.csrf_token, Accept: "application/json" },
			});
			body = await response.json().catch(() => ({}));
		} catch (e) {
			this.refuse_photo(__("The photo could not be sent. Check the connection and try again."));
			return;
		}
		if (response.ok && body.message) {
			this.show(body.message.results, body.message.message);
		} else {
			this.refuse_photo(CardScanner.refusal(response.status, body));
		}
	}

	// frappe.throw arrives as _server_messages; a photo over the web server's size limit is refused
	// before Frappe runs, with no message of its own.
	static refusal(status, body) {
		let messages = [];
		try {
			messages = JSON.parse(body._server_messages || "[]").map((m) => JSON.parse(m).message);
		} catch (e) {
			messages = [];
		}
		if (messages.length) return messages.map((m) => frappe.utils.html2text(m)).join(" ");
		if (status === 413) return __("The photo is too large. Take it again at a lower resolution.");
		return __("The server could not read the photo ({0}). Try again, or scan the codes one by one.", [
			status,
		]);
	}

	refuse_photo(reason) {
		const esc = mynumber_card.esc;
		this.render_result(
			"mnc-ng",
			`✗ ${esc(reason)}`,
			`<div class="text-muted small">${esc(__("Photo"))}</div>`
		);
		this.remember([{ ok: false, result: "Refused", masked: __("Photo"), message: reason }]);
		this.beep(false);
		this.focus();
	}

	// One scan, or the codes of one photo: a summary from the server, then a line per code.
	show(results, summary) {
		const esc = mynumber_card.esc;
		const ok = results.every((r) => r.ok);
		if (results.length === 1) {
			const r = results[0];
			this.render_result(
				CardScanner.tone(results),
				`${r.ok ? "✓" : "✗"} ${esc(r.message)}`,
				`<div>${CardScanner.describe_html(r)}</div><div class="text-muted small">${esc(r.masked)}</div>`
			);
		} else {
			const lines_html = results
				.map(
					(r) => `<li class="${r.ok ? "mnc-ok-line" : "mnc-ng-line"}">${r.ok ? "✓" : "✗"}
					${esc(r.masked)} ${esc(r.message)} <span class="text-muted">${CardScanner.describe_html(r)}</span></li>`
				)
				.join("");
			this.render_result(
				CardScanner.tone(results),
				`${ok ? "✓" : "✗"} ${esc(summary)}`,
				`<ol class="mnc-photo-results">${lines_html}</ol>`
			);
		}
		const counted = results.filter((r) => r.delivery_count).pop();
		if (counted) {
			this.$root
				.find(".mnc-count")
				.text(
					__("Counted {0} of {1}", [
						counted.delivery_count.counted,
						counted.delivery_count.expected,
					])
				);
		}
		this.remember(results);
		const last = results[results.length - 1];
		this.$undo.prop("disabled", !last.undoable).data("log", last.log);
		this.beep(ok);
	}

	// green: all done; amber: done before, nothing changed; red: something refused
	static tone(results) {
		if (results.some((r) => !r.ok)) return "mnc-ng";
		return results.every((r) => r.result === "OK") ? "mnc-ok" : "mnc-rep";
	}

	static describe_html(r) {
		const esc = mynumber_card.esc;
		if (r.card) return `${esc(r.card.full_name || r.card.application_id)} — ${esc(r.card.state_label)}`;
		if (!r.booking) return "";
		const cards_html = r.booking.cards.map(
			(c) => `${esc(c.full_name || c.application_id)}: ${esc(c.state_label)}`
		);
		return [
			`${esc(r.booking.name)} ${esc(r.booking.full_name)} — ${esc(__(r.booking.state))}`,
			...cards_html,
		].join("<br>");
	}

	// big_html and detail_html: built from escaped parts by the callers
	render_result(tone, big_html, detail_html) {
		this.$result
			.removeClass("mnc-ok mnc-rep mnc-ng mnc-wait")
			.addClass(tone)
			.html(`<div class="mnc-big">${big_html}</div>${detail_html}`);
	}

	remember(results) {
		const esc = mynumber_card.esc;
		this.history.unshift(...results.slice().reverse());
		this.history.length = Math.min(this.history.length, 20);
		this.$root
			.find(".mnc-history")
			.html(
				this.history
					.map(
						(h) =>
							`<li class="${h.ok ? "mnc-ok-line" : "mnc-ng-line"}">${esc(__(h.result))}: ${esc(
								h.masked
							)} ${esc(h.message)}</li>`
					)
					.join("")
			);
	}

	undo() {
		frappe
			.call("mynumber_card.api.scanner.undo", {
				log: this.$undo.data("log"),
				session_id: this.session_id,
			})
			.then(({ message }) => {
				frappe.show_alert({ message: message.message, indicator: "orange" });
				this.$undo.prop("disabled", true);
				this.focus();
			});
	}

	beep(ok) {
		try {
			const ctx = (frappe.mnc_audio =
				frappe.mnc_audio || new (window.AudioContext || window.webkitAudioContext)());
			const osc = ctx.createOscillator();
			osc.frequency.value = ok ? 880 : 220;
			osc.connect(ctx.destination);
			osc.start();
			osc.stop(ctx.currentTime + (ok ? 0.12 : 0.4));
		} catch (e) {
			// no sound device: the colour still tells
		}
	}
};
