// The residents' pages in the resident's language. Loaded first on each resident page: the server
// gives the page's words for scripts (translations/<lang>.csv) and the languages offered, in the web
// form's data (frappe.web_form_doc) or in a page's data-mnc-words attribute; the scripts after this one
// write their words with __(). The switcher keeps the choice in Frappe's preferred_language cookie,
// which Frappe reads at the start of each request (a link's _lang is read first, for that page).
window.mnc = window.mnc || {};
(function () {
	const esc = (s) => frappe.utils.escape_html(s == null ? "" : String(s));
	const keep = (code) => {
		document.cookie = `preferred_language=${encodeURIComponent(code)}; path=/; max-age=31536000; SameSite=Lax`;
	};
	const data_of = () => {
		const doc = frappe.web_form_doc;
		if (doc && doc.mnc_words) return { words: doc.mnc_words, lang: doc.mnc_lang, languages: doc.mnc_languages };
		const $holder = $("[data-mnc-words]").first();
		if (!$holder.length) return null;
		return { words: JSON.parse($holder.attr("data-mnc-words") || "{}"), lang: $holder.attr("data-mnc-lang") };
	};
	const data = data_of();
	if (data) {
		frappe._messages = Object.assign(frappe._messages || {}, data.words);
		window.mnc.page_language = data.lang;
		window.mnc.japanese_page = !data.lang || data.lang.split("-")[0] === "ja";
	}
	const asked = new URLSearchParams(window.location.search).get("_lang");
	if (asked) keep(asked);
	$(document).on("click", ".mnc-languages a[data-code]", function () {
		keep($(this).attr("data-code"));
	});

	// The web forms get the switcher here (their template is Frappe's); the other pages render it.
	function switcher_html(languages) {
		const url = new URL(window.location.href);
		const items_html = languages
			.map((l) => {
				url.searchParams.set("_lang", l.code);
				return `<li><a href="${esc(url.pathname + url.search)}" lang="${esc(l.lang)}" hreflang="${esc(
					l.lang
				)}" data-code="${esc(l.code)}" aria-current="${esc(l.current ? "true" : "false")}">${esc(l.name)}</a></li>`;
			})
			.join("");
		return `<nav class="mnc-languages" aria-label="${esc(__("言語"))}"><ul>${items_html}</ul></nav>`;
	}
	if (data && data.languages && data.languages.length > 1) {
		frappe.ready(() => {
			if (!$(".mnc-languages").length) $(".web-form-header").first().before(switcher_html(data.languages));
		});
	}
})();
