// Reception kiosk (受付): a tablet at the entrance, logged in with the Card Kiosk role. A booked
// resident shows the confirmation QR (camera or wedge scanner) and is checked in; a resident
// without a booking picks the purpose. Either way a ticket number shows large, with the wait, and
// can be printed as a receipt. Residents read this screen: Japanese, with furigana, no names.
frappe.pages["reception-kiosk"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("Reception Kiosk"), single_column: true });
	wrapper.kiosk = new ReceptionKiosk(page);
	$(wrapper).on("show", () => wrapper.kiosk.show());
	$(wrapper).on("hide", () => wrapper.kiosk.hide());
};

class ReceptionKiosk {
	static RESULT_SECONDS = 30; // then back to the first screen for the next resident
	static REFUSED_SECONDS = 12;
	static SAME_CODE_MS = 8000; // a camera reads the same code many times a second

	constructor(page) {
		this.page = page;
		this.busy = false;
		this.last = { code: null, at: 0 };
		this.$root = $(this.html()).appendTo(page.main);
		this.$input = this.$root.find(".mnc-kiosk-input");
		this.bind();
		this.load();
		this.show();
	}

	esc(value) {
		return mynumber_card.esc(value);
	}

	ruby_html(segments) {
		return segments
			.map(([text, reading]) => (reading ? `<ruby>${this.esc(text)}<rt>${this.esc(reading)}</rt></ruby>` : this.esc(text)))
			.join("");
	}

	html() {
		return `
			<div class="mnc-kiosk-root" lang="ja">
				<header class="mnc-kiosk-head">
					<span class="mnc-kiosk-town"></span>
					<h1>マイナンバーカード <ruby>窓口<rt>まどぐち</rt></ruby> <ruby>受付<rt>うけつけ</rt></ruby></h1>
				</header>
				<div class="mnc-kiosk-home">
					<section class="mnc-kiosk-booked" aria-labelledby="mnc-kiosk-booked-title">
						<h2 id="mnc-kiosk-booked-title"><ruby>予約<rt>よやく</rt></ruby>のある<ruby>方<rt>かた</rt></ruby></h2>
						<p class="mnc-kiosk-lead"><ruby>予約<rt>よやく</rt></ruby><ruby>確認<rt>かくにん</rt></ruby>の
							QRコードを<ruby>読<rt>よ</rt></ruby>み<ruby>取<rt>と</rt></ruby>らせてください</p>
						<div class="mnc-kiosk-camera" aria-hidden="true"></div>
						<button type="button" class="btn btn-default mnc-kiosk-camera-on">カメラで<ruby>読<rt>よ</rt></ruby>み<ruby>取<rt>と</rt></ruby>る</button>
						<label class="mnc-kiosk-input-label">
							<span class="sr-only">${__("Booking QR code")}</span>
							<input class="mnc-kiosk-input" autocomplete="off" spellcheck="false" inputmode="none" lang="en">
						</label>
						<p class="mnc-kiosk-hint">QRコードリーダー（スキャナー）にかざしても<ruby>受付<rt>うけつけ</rt></ruby>できます</p>
					</section>
					<section class="mnc-kiosk-walkin" aria-labelledby="mnc-kiosk-walkin-title">
						<h2 id="mnc-kiosk-walkin-title"><ruby>予約<rt>よやく</rt></ruby>のない<ruby>方<rt>かた</rt></ruby></h2>
						<p class="mnc-kiosk-lead">ご<ruby>用件<rt>ようけん</rt></ruby>を<ruby>選<rt>えら</rt></ruby>んでください</p>
						<div class="mnc-kiosk-purposes"></div>
					</section>
				</div>
				<div class="mnc-kiosk-result" role="status" aria-live="assertive" hidden></div>
				<div class="mnc-kiosk-receipt" aria-hidden="true"></div>
			</div>`;
	}

	bind() {
		// A wedge scanner types the code, then Enter, into the focused input: keep it focused.
		this.$input.on("keydown", (e) => {
			if (e.key === "Enter") this.take_typed_code(e); // (returning false to jQuery would drop every key)
		});
		this.$root.on("click", (e) => {
			if (!$(e.target).closest("button, a").length) this.focus();
		});
		this.$root.find(".mnc-kiosk-camera-on").on("click", () => this.start_camera());
		this.$root.on("click", ".mnc-kiosk-purpose", (e) => this.walk_in($(e.currentTarget).data("purpose")));
		this.$root.on("click", ".mnc-kiosk-print", () => window.print());
		this.$root.on("click", ".mnc-kiosk-back", () => this.home());
	}

	take_typed_code(event) {
		event.preventDefault();
		const code = this.$input.val();
		this.$input.val("");
		this.check_in(code);
	}

	show() {
		$("body").addClass("mnc-kiosk-mode");
		this.focus();
	}

	hide() {
		$("body").removeClass("mnc-kiosk-mode");
		this.stop_camera();
	}

	focus() {
		if (this.$root.find(".mnc-kiosk-home").is(":visible")) this.$input.trigger("focus");
	}

	load() {
		this.call("start", {}, "GET").then((data) => {
			if (!data) return;
			this.$root.find(".mnc-kiosk-town").text(data.town);
			this.$root.find(".mnc-kiosk-purposes").html(
				data.purposes
					.map((p) => `<button type="button" class="btn mnc-kiosk-purpose" data-purpose="${this.esc(p.name)}">${this.ruby_html(p.ruby)}</button>`)
					.join("")
			);
		});
	}

	// fetch rather than frappe.call: a refusal is shown on this screen, never as a desk dialog
	call(method, args, type = "POST") {
		const url = `/api/method/mynumber_card.api.kiosk.${method}`;
		const options = { method: type, headers: { "X-Frappe-CSRF-Token": frappe.csrf_token, Accept: "application/json" } };
		let target = url;
		if (type === "GET") {
			target += "?" + new URLSearchParams(args).toString();
		} else {
			options.body = new URLSearchParams(args);
		}
		return fetch(target, options)
			.then((r) => r.json().then((body) => ({ ok: r.ok, status: r.status, body })))
			.then(({ ok, status, body }) => {
				if (ok) return body.message;
				// the kiosk's calls are rate-limited: many codes in a short time (a camera misreading)
				if (status === 429) return { ok: false, message: "ただいま混み合っています。少し待ってから、もう一度お試しください。" };
				let message = "うまく受け付けられませんでした。係員にお声がけください。";
				try {
					message = JSON.parse(JSON.parse(body._server_messages)[0]).message || message;
				} catch (e) {
					// no message from the server: the general one stays
				}
				return { ok: false, message: frappe.utils.html2text(message) };
			})
			.catch(() => ({ ok: false, message: "通信できませんでした。係員にお声がけください。" }));
	}

	check_in(code) {
		code = (code || "").trim();
		const now = Date.now();
		const answering = this.$root.find(".mnc-kiosk-home").prop("hidden"); // the camera keeps reading meanwhile
		if (!code || this.busy || answering || (code === this.last.code && now - this.last.at < ReceptionKiosk.SAME_CODE_MS)) return;
		this.last = { code, at: now };
		this.run(this.call("check_in", { code }));
	}

	walk_in(purpose) {
		if (this.busy) return;
		this.run(this.call("walk_in", { purpose }));
	}

	run(request) {
		this.busy = true;
		this.$root.find(".mnc-kiosk-purpose").prop("disabled", true);
		request.then((answer) => {
			this.busy = false;
			this.$root.find(".mnc-kiosk-purpose").prop("disabled", false);
			this.show_answer(answer || { ok: false });
		});
	}

	wait_html(t) {
		if (t.ahead == null) return "";
		if (t.ahead === 0) return `<p class="mnc-kiosk-wait">まもなくお<ruby>呼<rt>よ</rt></ruby>びします</p>`;
		return `<p class="mnc-kiosk-wait">お<ruby>待<rt>ま</rt></ruby>ちの<ruby>方<rt>かた</rt></ruby>
			<strong>${cint(t.ahead)}</strong><ruby>人<rt>にん</rt></ruby> ・ <ruby>目安<rt>めやす</rt></ruby> <ruby>約<rt>やく</rt></ruby>
			<strong>${cint(t.minutes)}</strong><ruby>分<rt>ふん</rt></ruby></p>`;
	}

	// the ticket on the phone: the QR of its own page (position, wait, the call; no login, no name)
	phone_html(t) {
		if (!t.phone_qr) return "";
		return `<figure class="mnc-kiosk-phone">
			<img src="${this.esc(t.phone_qr)}" alt="番号札をスマートフォンで見るためのQRコード" width="176" height="176">
			<figcaption>スマートフォンで<ruby>読<rt>よ</rt></ruby>み<ruby>取<rt>と</rt></ruby>ると、<ruby>順番<rt>じゅんばん</rt></ruby>と<ruby>呼出<rt>よびだし</rt></ruby>をお<ruby>知<rt>し</rt></ruby>らせします</figcaption>
		</figure>`;
	}

	show_answer(answer) {
		const $result = this.$root.find(".mnc-kiosk-result");
		const t = answer.ticket;
		this.$root.find(".mnc-kiosk-home").prop("hidden", true);
		if (!answer.ok || !t) {
			$result.attr("class", "mnc-kiosk-result mnc-kiosk-refused").html(`
				<p class="mnc-kiosk-message">${this.esc(answer.message || "うまく受け付けられませんでした。係員にお声がけください。")}</p>
				<button type="button" class="btn btn-default btn-lg mnc-kiosk-back">もどる</button>`);
			this.later(ReceptionKiosk.REFUSED_SECONDS);
		} else {
			const booked_html = t.booked_time ? ` ・ <ruby>予約<rt>よやく</rt></ruby> ${this.esc(t.booked_time)}` : "";
			$result.attr("class", `mnc-kiosk-result ${t.state === "To Staff" ? "mnc-kiosk-staff" : "mnc-kiosk-ok"}`).html(`
				<div class="mnc-kiosk-ticket-row">
					<div>
						<p class="mnc-kiosk-label"><ruby>受付番号<rt>うけつけばんごう</rt></ruby></p>
						<p class="mnc-kiosk-number">${this.esc(t.number)}</p>
						<p class="mnc-kiosk-purpose-line">${this.esc(t.purpose)}${booked_html}</p>
						${this.wait_html(t)}
					</div>
					${this.phone_html(t)}
				</div>
				<p class="mnc-kiosk-message">${this.esc(answer.message)}</p>
				<div class="mnc-kiosk-buttons">
					<button type="button" class="btn btn-primary btn-lg mnc-kiosk-print"><ruby>受付票<rt>うけつけひょう</rt></ruby>を<ruby>印刷<rt>いんさつ</rt></ruby></button>
					<button type="button" class="btn btn-default btn-lg mnc-kiosk-back">もどる</button>
				</div>`);
			this.fill_receipt(t);
			this.later(ReceptionKiosk.RESULT_SECONDS);
		}
		$result.prop("hidden", false);
		$result.find(".mnc-kiosk-back").trigger("focus");
	}

	fill_receipt(t) {
		const wait_html = t.ahead == null ? "" : `<p>お待ちの方 ${cint(t.ahead)}人 ・ 目安 約${cint(t.minutes)}分</p>`;
		this.$root.find(".mnc-kiosk-receipt").html(`
			<p>${this.esc(this.$root.find(".mnc-kiosk-town").text())} マイナンバーカード窓口</p>
			<p>受付番号</p>
			<p class="mnc-receipt-number">${this.esc(t.number)}</p>
			<p>${this.esc(t.purpose)}（${this.esc(t.kind_label)}）</p>
			<p>${this.esc(t.date_label)} ${this.esc(t.checked_in)} 受付</p>
			${wait_html}
			<p>番号が表示されたら、表示された窓口へお越しください。</p>
			${t.phone_qr ? `<img class="mnc-receipt-qr" src="${this.esc(t.phone_qr)}" alt="" width="132" height="132"><p>スマートフォンで読み取ると、順番と呼出をお知らせします</p>` : ""}`);
	}

	later(seconds) {
		clearTimeout(this.back_timer);
		this.back_timer = setTimeout(() => this.home(), seconds * 1000);
	}

	home() {
		clearTimeout(this.back_timer);
		this.$root.find(".mnc-kiosk-result").prop("hidden", true).empty();
		this.$root.find(".mnc-kiosk-home").prop("hidden", false);
		this.focus();
	}

	start_camera() {
		if (this.scanner) return;
		const $area = this.$root.find(".mnc-kiosk-camera").addClass("mnc-kiosk-camera-live");
		// Frappe's own camera reader (html5-qrcode, shipped with Frappe: works offline); it keeps
		// reading, and the same code is taken once (SAME_CODE_MS).
		this.scanner = new frappe.ui.Scanner({
			container: $area,
			multiple: true,
			on_scan: (result) => this.check_in(result.decodedText),
		});
		this.scanner.scan();
		this.$root.find(".mnc-kiosk-camera-on").prop("hidden", true);
	}

	stop_camera() {
		if (!this.scanner) return;
		this.scanner.stop_scan();
		this.scanner = null;
		this.$root.find(".mnc-kiosk-camera").removeClass("mnc-kiosk-camera-live");
		this.$root.find(".mnc-kiosk-camera-on").prop("hidden", false);
	}
}
