// The Card Scanner: a USB keyboard-wedge scanner (keystrokes then Enter), the camera, or a photo.
// The input keeps focus; every scan is one request; the result shows big, in colour, with a sound.
frappe.pages["card-scanner"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("Card Scanner"), single_column: true });
	const session_id = frappe.utils.get_random(16);
	const MODES = frappe.boot.mynumber_card_scan_modes; // core/scan_modes.py MODES, via boot.py
	const esc = (s) => frappe.utils.escape_html(s == null ? "" : String(s));
	const history = [];

	const $root = $(`
		<div class="mnc-scanner">
			<div class="mnc-modes" role="radiogroup" aria-label="${__("Mode")}">
				${MODES.map((m) => `<button type="button" class="btn btn-default mnc-mode" role="radio" data-mode="${m}">${__(m)}</button>`).join("")}
			</div>
			<div class="mnc-options"></div>
			<label class="mnc-input-label" for="mnc-scan-input">${__("Scan or type a code, then Enter")}</label>
			<input id="mnc-scan-input" class="form-control mnc-scan-input" autocomplete="off" spellcheck="false"
				inputmode="latin" lang="en">
			<div class="mnc-tools">
				<button type="button" class="btn btn-default btn-sm mnc-camera">${__("Camera")}</button>
				<label class="btn btn-default btn-sm mnc-photo-label">${__("Photo")}
					<input type="file" accept="image/*" class="mnc-photo" hidden></label>
				<button type="button" class="btn btn-default btn-sm mnc-undo" disabled>${__("Undo last scan")}</button>
				<span class="mnc-count" aria-live="polite"></span>
			</div>
			<div class="mnc-result" role="status" aria-live="assertive"></div>
			<h5>${__("Last 20 scans")}</h5>
			<ol class="mnc-history"></ol>
		</div>`).appendTo(page.main);
	const $input = $root.find(".mnc-scan-input");
	let mode = "Intake";
	let delivery = null;

	const beep = (ok) => {
		try {
			const ctx = (frappe.mnc_audio = frappe.mnc_audio || new (window.AudioContext || window.webkitAudioContext)());
			const osc = ctx.createOscillator();
			osc.frequency.value = ok ? 880 : 220;
			osc.connect(ctx.destination);
			osc.start();
			osc.stop(ctx.currentTime + (ok ? 0.12 : 0.4));
		} catch (e) {
			// no sound device: the colour still tells
		}
	};

	const set_mode = (new_mode) => {
		mode = new_mode;
		$root.find(".mnc-mode").removeClass("btn-primary").attr("aria-checked", "false");
		$root.find(`.mnc-mode[data-mode="${mode}"]`).addClass("btn-primary").attr("aria-checked", "true");
		render_options();
		$input.trigger("focus");
	};

	const render_options = () => {
		const $opts = $root.find(".mnc-options").empty();
		if (mode === "Intake") {
			frappe.call("mynumber_card.api.scanner.open_deliveries").then(({ message }) => {
				const rows = message || [];
				if (!rows.length) {
					$opts.html(`<p class="text-muted">${__("Create an open Card Delivery first.")}</p>`);
					return;
				}
				delivery = delivery && rows.some((r) => r.name === delivery) ? delivery : rows[0].name;
				$opts.html(`<label>${__("Card Delivery")} <select class="form-control input-sm mnc-delivery">${rows
					.map((r) => `<option value="${esc(r.name)}">${esc(r.name)} ${esc(r.shipment_reference || "")}
						(${esc(r.counted_count)}/${esc(r.expected_count)})</option>`)
					.join("")}</select></label>`);
				$opts.find(".mnc-delivery").val(delivery).on("change", function () {
					delivery = $(this).val();
					$input.trigger("focus");
				});
			});
		} else if (mode === "Issue") {
			// the scanner hands over to the holder; a proxy's checks are recorded on the card form
			const hint = `<p class="text-muted">${__("Hand-over to the holder. For a proxy, use Issue on the card form.")}</p>`;
			const override = frappe.user.has_role("Card Manager")
				? `<label>${__("Manager override reason (only without a checked-in booking)")}
					<input class="form-control input-sm mnc-override"></label>`
				: "";
			$opts.html(hint + override);
		} else if (mode === "Disposal") {
			$opts.html(`<label>${__("Second staff member (witness)")} <input class="form-control input-sm mnc-staff2"
				placeholder="user@town.example.jp"></label>`);
		}
	};

	const show = (r) => {
		const ok = r.ok;
		const what = r.card
			? `${esc(r.card.full_name || r.card.application_id)} — ${esc(r.card.state_label)}`
			: r.booking
			? `${esc(r.booking.name)} ${esc(r.booking.full_name)} — ${esc(__(r.booking.state))}<br>${r.booking.cards
					.map((c) => `${esc(c.full_name || c.application_id)}: ${esc(c.state_label)}`)
					.join("<br>")}`
			: "";
		// green: done; amber: already done before, nothing changed; red: refused
		const tone = r.result === "OK" ? "mnc-ok" : r.result === "Repeated" ? "mnc-rep" : "mnc-ng";
		$root
			.find(".mnc-result")
			.removeClass("mnc-ok mnc-rep mnc-ng")
			.addClass(tone)
			.html(`<div class="mnc-big">${ok ? "✓" : "✗"} ${esc(r.message)}</div><div>${what}</div>
				<div class="text-muted small">${esc(r.masked)}</div>`);
		if (r.delivery_count) {
			$root.find(".mnc-count").text(__("Counted {0} of {1}", [r.delivery_count.counted, r.delivery_count.expected]));
		}
		history.unshift(r);
		history.length = Math.min(history.length, 20);
		$root.find(".mnc-history").html(
			history
				.map((h) => `<li class="${h.ok ? "mnc-ok-line" : "mnc-ng-line"}">${esc(__(h.result))}: ${esc(h.masked)} ${esc(h.message)}</li>`)
				.join("")
		);
		$root.find(".mnc-undo").prop("disabled", !(r.result === "OK" && mode !== "Lookup")).data("log", r.log);
		beep(ok);
	};

	const submit = (code) => {
		if (!code) return;
		frappe
			.call({
				method: "mynumber_card.api.scanner.scan",
				type: "POST",
				args: {
					mode,
					code,
					delivery,
					session_id,
					override_reason: $root.find(".mnc-override").val() || null,
					staff_2: $root.find(".mnc-staff2").val() || null,
				},
			})
			.then(({ message }) => show(message));
	};

	$input.on("keydown", (e) => {
		if (e.key === "Enter") {
			e.preventDefault();
			const code = $input.val();
			$input.val("");
			submit(code);
		}
	});
	// The scanner is the keyboard: keep the input focused unless staff are typing in an option.
	$root.on("click", (e) => {
		if (!$(e.target).is("input, select, button, label")) $input.trigger("focus");
	});
	$root.find(".mnc-mode").on("click", function () {
		set_mode($(this).data("mode"));
	});
	$root.find(".mnc-undo").on("click", function () {
		frappe
			.call("mynumber_card.api.scanner.undo", { log: $(this).data("log"), session_id })
			.then(({ message }) => {
				frappe.show_alert({ message: message.message, indicator: "orange" });
				$(this).prop("disabled", true);
				$input.trigger("focus");
			});
	});
	$root.find(".mnc-camera").on("click", () => {
		new frappe.ui.Scanner({ dialog: true, multiple: false, on_scan: (data) => submit(data.decodedText) });
	});
	$root.find(".mnc-photo").on("change", function () {
		const file = this.files[0];
		if (!file) return;
		const form = new FormData();
		form.append("file", file);
		form.append("mode", mode);
		if (delivery) form.append("delivery", delivery);
		form.append("session_id", session_id);
		fetch("/api/method/mynumber_card.api.scanner.scan_photo", {
			method: "POST",
			body: form,
			headers: { "X-Frappe-CSRF-Token": frappe.csrf_token },
		})
			.then((r) => r.json())
			.then(({ message }) => {
				if (!message) return;
				(message.results || []).forEach(show);
				frappe.show_alert(__("{0} codes found in the photo", [message.found]));
			});
		this.value = "";
	});

	set_mode("Intake");
	$(wrapper).on("show", () => $input.trigger("focus"));
};
