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
	static RUBY = new RegExp("｜([^｜《》]+)《([^《》]+)》", "g"); // furigana written ｜漢字《かんじ》
	static PLACE = new RegExp("\\{(\\d+)\\}", "g"); // {0}, {1}
	static PARTS = new RegExp("｜([^｜《》]+)《([^《》]+)》|\\{(\\d+)\\}", "g");

	constructor(page) {
		this.page = page;
		this.busy = false;
		this.last = { code: null, at: 0 };
		// the resident's language, chosen by a button (kiosk_language.js words; Japanese for each new resident)
		this.lang = "ja";
		this.words = {};
		// the office this kiosk stands in: /app/reception-kiosk?office=… (a town of one office sets none)
		this.office = new URLSearchParams(window.location.search).get("office") || "";
		this.$root = $(this.html()).appendTo(page.main);
		this.$input = this.$root.find(".mnc-kiosk-input");
		this.bind();
		this.load();
		this.show();
	}

	esc(value) {
		return mynumber_card.esc(value);
	}

	// Words in the kiosk's language: the source is the Japanese with its furigana as ｜漢字《かんじ》
	// (the same as the residents' pages); a translation has no ruby. {0}, {1} take markup the caller built.
	words_html(source, args = [], strong = false) {
		return this.words_segments(source)
			.map((s) => (s.arg != null ? this.word_arg_html(args[s.arg], strong) : this.word_html(s)))
			.join("");
	}

	word_html(s) {
		return s.reading ? `<ruby>${this.esc(s.text)}<rt>${this.esc(s.reading)}</rt></ruby>` : this.esc(s.text);
	}

	word_arg_html(value, strong) {
		return strong ? `<strong>${this.esc(value)}</strong>` : this.esc(value);
	}

	// The words cut into text, furigana ({text, reading}) and placeholders ({arg})
	words_segments(source) {
		const segments = [];
		const text = this.words[source] || source;
		let at = 0;
		for (const m of text.matchAll(ReceptionKiosk.PARTS)) {
			if (m.index > at) segments.push({ text: text.slice(at, m.index) });
			segments.push(m[3] != null ? { arg: Number(m[3]) } : { text: m[1], reading: m[2] });
			at = m.index + m[0].length;
		}
		if (at < text.length) segments.push({ text: text.slice(at) });
		return segments;
	}

	// The words as plain text (the printed receipt, an alt text)
	words_text(source, args = []) {
		const text = (this.words[source] || source).replace(ReceptionKiosk.RUBY, "$1");
		return text.replace(ReceptionKiosk.PLACE, (m, i) => (args[i] == null ? m : String(args[i])));
	}

	// A text that changes with the language: set again by use_language
	live_words_html(source) {
		return `<span data-mnc-words="${this.esc(source)}">${this.words_html(source)}</span>`;
	}

	ruby_html(segments) {
		return segments
			.map(([text, reading]) => (reading ? `<ruby>${this.esc(text)}<rt>${this.esc(reading)}</rt></ruby>` : this.esc(text)))
			.join("");
	}

	html() {
		return `
			<div class="mnc-kiosk-root" lang="ja">
				<nav class="mnc-kiosk-languages" aria-label="${this.esc(this.words_text("言語"))}"></nav>
				<header class="mnc-kiosk-head">
					<span class="mnc-kiosk-town"></span> <span class="mnc-kiosk-office"></span>
					<h1>${this.live_words_html("マイナンバーカード ｜窓口《まどぐち》 ｜受付《うけつけ》")}</h1>
				</header>
				<div class="mnc-kiosk-home">
					<section class="mnc-kiosk-booked" aria-labelledby="mnc-kiosk-booked-title">
						<h2 id="mnc-kiosk-booked-title">${this.live_words_html("｜予約《よやく》のある｜方《かた》")}</h2>
						<p class="mnc-kiosk-lead">${this.live_words_html("｜予約《よやく》｜確認《かくにん》のQRコードを｜読《よ》み｜取《と》らせてください")}</p>
						<div class="mnc-kiosk-camera" aria-hidden="true"></div>
						<button type="button" class="btn btn-default mnc-kiosk-camera-on">${this.live_words_html("カメラで｜読《よ》み｜取《と》る")}</button>
						<label class="mnc-kiosk-input-label">
							<span class="sr-only">${this.live_words_html("予約のQRコード")}</span>
							<input class="mnc-kiosk-input" autocomplete="off" spellcheck="false" inputmode="none" lang="en">
						</label>
						<p class="mnc-kiosk-hint">${this.live_words_html("QRコードリーダー（スキャナー）にかざしても｜受付《うけつけ》できます")}</p>
					</section>
					<section class="mnc-kiosk-walkin" aria-labelledby="mnc-kiosk-walkin-title">
						<h2 id="mnc-kiosk-walkin-title">${this.live_words_html("｜予約《よやく》のない｜方《かた》")}</h2>
						<p class="mnc-kiosk-lead">${this.live_words_html("ご｜用件《ようけん》を｜選《えら》んでください")}</p>
						<div class="mnc-kiosk-purposes"></div>
					</section>
				</div>
				<div class="mnc-kiosk-offices" hidden></div>
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
		this.$root.on("click", ".mnc-kiosk-language", (e) => this.use_language($(e.currentTarget).data("code")));
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
		this.call("start", { office: this.office }, "GET").then((data) => {
			if (!data) return;
			if (!data.purposes) {
				this.show_answer(data); // an office that is not (or no longer) active: said on the screen
				return;
			}
			this.$root.find(".mnc-kiosk-town").text(data.town);
			this.$root.find(".mnc-kiosk-office").text(data.office || "");
			if (data.choose && !data.office) {
				// not set yet: it works for the whole town (as before offices) until staff pick its office
				$(`<button type="button" class="btn btn-default btn-sm mnc-kiosk-set-office"></button>`)
					.text(__("Set this kiosk's office"))
					.on("click", () => this.choose_office(data.offices))
					.appendTo(this.$root.find(".mnc-kiosk-head"));
			}
			this.purposes = data.purposes;
			this.show_purposes();
		});
		this.use_language("ja");
	}

	// Japanese with furigana; in another language the purpose's translated name (data the files know)
	show_purposes() {
		this.$root.find(".mnc-kiosk-purposes").html(
			(this.purposes || [])
				.map((p) => `<button type="button" class="btn mnc-kiosk-purpose" data-purpose="${this.esc(p.name)}">${this.purpose_html(p)}</button>`)
				.join("")
		);
	}

	purpose_html(p) {
		return this.lang === "ja" ? this.ruby_html(p.ruby) : this.esc(this.words_text(p.name));
	}

	// The language buttons (each language by its own name) and the words of one language, from the
	// translation files (mynumber_card.api.kiosk_language); the server's answers come in it too (_lang).
	use_language(code) {
		const url = `/api/method/mynumber_card.api.kiosk_language.words?${new URLSearchParams({ lang: code })}`;
		return fetch(url, { headers: { Accept: "application/json" } })
			.then((r) => (r.ok ? r.json() : { message: null }))
			.then(({ message }) => {
				if (!message) return;
				this.lang = message.lang;
				this.words = message.words;
				this.$root.attr("lang", message.html_lang);
				this.$root.find("[data-mnc-words]").each((_i, el) => {
					$(el).html(this.words_html($(el).attr("data-mnc-words")));
				});
				this.$root
					.find(".mnc-kiosk-languages")
					.attr("aria-label", this.words_text("言語"))
					.html(this.languages_html(message.languages));
				this.show_purposes();
			});
	}

	languages_html(languages) {
		return languages
			.map(
				(l) => `<button type="button" class="btn mnc-kiosk-language" lang="${this.esc(l.lang)}" data-code="${this.esc(
					l.code
				)}" aria-pressed="${l.current ? "true" : "false"}">${this.esc(l.name)}</button>`
			)
			.join("");
	}

	// Several offices and none set: the staff who sets the kiosk up picks its office once (kept in the
	// address, so a restart or a bookmark keeps it).
	choose_office(offices) {
		this.$root.find(".mnc-kiosk-home, .mnc-kiosk-set-office").prop("hidden", true);
		this.$root
			.find(".mnc-kiosk-offices")
			.prop("hidden", false)
			.html(
				`<h2>${__("Choose the office this kiosk stands in")}</h2>
				<div class="mnc-kiosk-office-list">${this.offices_html(offices)}</div>`
			);
	}

	offices_html(offices) {
		return offices
			.map((o) => `<a class="btn btn-default btn-lg" href="?office=${this.esc(encodeURIComponent(o))}">${this.esc(o)}</a>`)
			.join("");
	}

	// fetch rather than frappe.call: a refusal is shown on this screen, never as a desk dialog
	call(method, args, type = "POST") {
		const url = `/api/method/mynumber_card.api.kiosk.${method}`;
		const options = { method: type, headers: { "X-Frappe-CSRF-Token": frappe.csrf_token, Accept: "application/json" } };
		let target = url;
		args = { ...args, _lang: this.lang }; // the server's answer in the resident's language
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
				if (status === 429) return { ok: false, message: this.words_text("ただいま混み合っています。少し待ってから、もう一度お試しください。") };
				let message = this.words_text("うまく受け付けられませんでした。係員にお声がけください。");
				try {
					message = JSON.parse(JSON.parse(body._server_messages)[0]).message || message;
				} catch (e) {
					// no message from the server: the general one stays
				}
				return { ok: false, message: frappe.utils.html2text(message) };
			})
			.catch(() => ({ ok: false, message: this.words_text("通信できませんでした。係員にお声がけください。") }));
	}

	check_in(code) {
		code = (code || "").trim();
		const now = Date.now();
		const answering = this.$root.find(".mnc-kiosk-home").prop("hidden"); // the camera keeps reading meanwhile
		if (!code || this.busy || answering || (code === this.last.code && now - this.last.at < ReceptionKiosk.SAME_CODE_MS)) return;
		this.last = { code, at: now };
		this.run(this.call("check_in", { code, office: this.office }));
	}

	walk_in(purpose) {
		if (this.busy) return;
		this.run(this.call("walk_in", { purpose, office: this.office }));
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
		if (t.ahead === 0) return `<p class="mnc-kiosk-wait">${this.words_html("まもなくお｜呼《よ》びします")}</p>`;
		const numbers = [cint(t.ahead), cint(t.minutes)];
		return `<p class="mnc-kiosk-wait">${this.words_html("お｜待《ま》ちの｜方《かた》 {0}｜人《にん》 ・ ｜目安《めやす》 ｜約《やく》{1}｜分《ふん》", numbers, true)}</p>`;
	}

	// the ticket on the phone: the QR of its own page (position, wait, the call; no login, no name)
	phone_html(t) {
		if (!t.phone_qr) return "";
		return `<figure class="mnc-kiosk-phone">
			<img src="${this.esc(t.phone_qr)}" alt="${this.esc(this.words_text("番号札をスマートフォンで見るためのQRコード"))}" width="176" height="176">
			<figcaption>${this.words_html("スマートフォンで｜読《よ》み｜取《と》ると、｜順番《じゅんばん》と｜呼出《よびだし》をお｜知《し》らせします")}</figcaption>
		</figure>`;
	}

	show_answer(answer) {
		const $result = this.$root.find(".mnc-kiosk-result");
		const t = answer.ticket;
		this.$root.find(".mnc-kiosk-home").prop("hidden", true);
		if (!answer.ok || !t) {
			$result.attr("class", "mnc-kiosk-result mnc-kiosk-refused").html(`
				<p class="mnc-kiosk-message">${this.esc(answer.message || this.words_text("うまく受け付けられませんでした。係員にお声がけください。"))}</p>
				<button type="button" class="btn btn-default btn-lg mnc-kiosk-back">${this.words_html("もどる")}</button>`);
			this.later(ReceptionKiosk.REFUSED_SECONDS);
		} else {
			const booked_html = t.booked_time ? ` ・ ${this.words_html("｜予約《よやく》 {0}", [t.booked_time])}` : "";
			$result.attr("class", `mnc-kiosk-result ${t.state === frappe.boot.mynumber_card_vocabularies.queue_states.TO_STAFF ? "mnc-kiosk-staff" : "mnc-kiosk-ok"}`).html(`
				<div class="mnc-kiosk-ticket-row">
					<div>
						<p class="mnc-kiosk-label">${this.words_html("｜受付番号《うけつけばんごう》")}</p>
						<p class="mnc-kiosk-number">${this.esc(t.number)}</p>
						<p class="mnc-kiosk-purpose-line">${this.esc(this.words_text(t.purpose))}${booked_html}</p>
						${t.office ? `<p class="mnc-kiosk-office-line">${this.esc(t.office)}</p>` : ""}
						${this.wait_html(t)}
					</div>
					${this.phone_html(t)}
				</div>
				<p class="mnc-kiosk-message">${this.esc(answer.message)}</p>
				<div class="mnc-kiosk-buttons">
					<button type="button" class="btn btn-primary btn-lg mnc-kiosk-print">${this.words_html("｜受付票《うけつけひょう》を｜印刷《いんさつ》")}</button>
					<button type="button" class="btn btn-default btn-lg mnc-kiosk-back">${this.words_html("もどる")}</button>
				</div>`);
			this.fill_receipt(t);
			this.later(ReceptionKiosk.RESULT_SECONDS);
		}
		$result.prop("hidden", false);
		$result.find(".mnc-kiosk-back").trigger("focus");
	}

	fill_receipt(t) {
		const wait_html = t.ahead == null ? "" : `<p>${this.esc(this.words_text("お｜待《ま》ちの｜方《かた》 {0}｜人《にん》 ・ ｜目安《めやす》 ｜約《やく》{1}｜分《ふん》", [cint(t.ahead), cint(t.minutes)]))}</p>`;
		this.$root.find(".mnc-kiosk-receipt").html(`
			<p>${this.esc(this.words_text("{0} マイナンバーカード｜窓口《まどぐち》", [this.$root.find(".mnc-kiosk-town").text()]))}</p>
			${t.office ? `<p>${this.esc(t.office)}</p>` : ""}
			<p>${this.esc(this.words_text("｜受付番号《うけつけばんごう》"))}</p>
			<p class="mnc-receipt-number">${this.esc(t.number)}</p>
			<p>${this.esc(this.words_text(t.purpose))}（${this.esc(this.words_text(t.kind_label))}）</p>
			<p>${this.esc(this.words_text("{0} {1} 受付", [t.date_label, t.checked_in]))}</p>
			${wait_html}
			<p>${this.esc(this.words_text("番号が表示されたら、表示された窓口へお越しください。"))}</p>
			${t.phone_qr ? `<img class="mnc-receipt-qr" src="${this.esc(t.phone_qr)}" alt="" width="132" height="132"><p>${this.esc(this.words_text("スマートフォンで｜読《よ》み｜取《と》ると、｜順番《じゅんばん》と｜呼出《よびだし》をお｜知《し》らせします"))}</p>` : ""}`);
	}

	later(seconds) {
		clearTimeout(this.back_timer);
		this.back_timer = setTimeout(() => this.home(), seconds * 1000);
	}

	home() {
		clearTimeout(this.back_timer);
		if (this.lang !== "ja") this.use_language("ja"); // the next resident starts in Japanese
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
