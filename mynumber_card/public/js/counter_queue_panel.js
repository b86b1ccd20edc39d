// The clerk's side of the counter queue (窓口の呼出): call next for a counter, then recall, begin,
// complete, mark absent, transfer or put back; the day's waiting list below. Mounted by the
// Counter Queue page, the Card Scanner page and the day sheet:
//   new mynumber_card.CounterQueuePanel({ parent: $element, page: page_or_null });
// Keyboard only: Tab moves through the controls in reading order; Alt+N/R/B/C/A/T/P act (see KEYS).
frappe.provide("mynumber_card");

// the queue's actions and states, from the server (core/queue.py through boot.py)
const MNC_QUEUE = () => frappe.boot.mynumber_card_vocabularies;

mynumber_card.CounterQueuePanel = class CounterQueuePanel {
	// the shortcut keys; `action` names a core/queue.py action (by its constant), "next" calls the next
	static KEYS = [
		{ key: "n", action: "next", label: __("Call Next") },
		{ key: "r", action: "RECALL", label: __("Recall") },
		{ key: "b", action: "START", label: __("Begin Service") },
		{ key: "c", action: "FINISH", label: __("Complete") },
		{ key: "a", action: "SKIP", label: __("Absent") },
		{ key: "t", action: "TRANSFER", label: __("Transfer") },
		{ key: "p", action: "PUT_BACK", label: __("Put Back") },
	];
	static act_value(constant) {
		return MNC_QUEUE().queue_actions[constant];
	}
	static POLL_MS = 15000;

	constructor({ parent, page = null, show_title = true }) {
		this.page = page;
		this.show_title = show_title; // a page titled 窓口の呼出 itself keeps the heading for screen readers only
		this.counter = localStorage.getItem("mnc_queue_counter") || "";
		this.purpose = localStorage.getItem("mnc_queue_purpose") || "";
		// the clerk's office, where the town has several (the board says so); kept like the counter
		this.office = localStorage.getItem("mnc_queue_office") || "";
		this.board = null;
		this.busy = false;
		this.$root = $(this.html()).appendTo(parent);
		this.bind();
		this.load_purposes();
		this.refresh();
		// The display's realtime event reaches the desk too; the poll covers a missing socket.
		this.on_change = () => this.refresh();
		frappe.realtime.on("mnc_queue", this.on_change);
		this.timer = setInterval(() => this.visible() && this.refresh(), CounterQueuePanel.POLL_MS);
	}

	esc(value) {
		return mynumber_card.esc(value);
	}

	visible() {
		return this.$root.is(":visible");
	}

	html() {
		const key_help = CounterQueuePanel.KEYS.map((k) => `Alt+${k.key.toUpperCase()} ${__(k.label)}`).join(" ・ ");
		return `
			<section class="mnc-cq" aria-labelledby="mnc-cq-title" lang="ja">
				<h4 id="mnc-cq-title" class="mnc-cq-title${this.show_title ? "" : " sr-only"}">${__("Counter Queue")}</h4>
				<div class="mnc-cq-controls">
					<label class="mnc-cq-office-label" hidden>${__("Office")}
						<select class="form-control mnc-cq-office"></select></label>
					<label>${__("Counter No.")}
						<input type="number" min="1" max="99" inputmode="numeric" class="form-control mnc-cq-counter"
							value="${this.esc(this.counter)}" aria-describedby="mnc-cq-keys"></label>
					<label>${__("Purpose")}
						<select class="form-control mnc-cq-purpose"><option value="">${__("All purposes")}</option></select></label>
					<button type="button" class="btn btn-primary btn-lg mnc-cq-next" aria-keyshortcuts="Alt+N">
						${__("Call Next")} <kbd>Alt+N</kbd></button>
				</div>
				<p id="mnc-cq-keys" class="text-muted small mnc-cq-keys">${this.esc(key_help)}</p>
				<div class="mnc-cq-message" role="status" aria-live="polite"></div>
				<div class="mnc-cq-mine" aria-live="polite"></div>
				<div class="mnc-cq-lists"></div>
			</section>`;
	}

	bind() {
		const $root = this.$root;
		$root.find(".mnc-cq-counter").on("change", (e) => {
			this.counter = String(e.target.value || "").trim();
			localStorage.setItem("mnc_queue_counter", this.counter);
			this.refresh();
		});
		$root.find(".mnc-cq-purpose").on("change", (e) => {
			this.purpose = e.target.value;
			localStorage.setItem("mnc_queue_purpose", this.purpose);
		});
		$root.find(".mnc-cq-office").on("change", (e) => {
			this.office = e.target.value;
			localStorage.setItem("mnc_queue_office", this.office);
			this.refresh();
		});
		$root.find(".mnc-cq-next").on("click", () => this.call_next());
		$root.on("click", "[data-act]", (e) => {
			const $button = $(e.currentTarget);
			this.act($button.data("ticket"), $button.data("act"));
		});
		for (const { key, action, label } of CounterQueuePanel.KEYS) {
			const run = () =>
				action === "next" ? this.call_next() : this.act_on_mine(CounterQueuePanel.act_value(action));
			const shortcut = { shortcut: `alt+${key}`, action: run, description: label, ignore_inputs: true };
			if (this.page) {
				frappe.ui.keys.add_shortcut({ ...shortcut, page: this.page });
			} else {
				// no desk page object (the day sheet): act only while the panel is on screen
				frappe.ui.keys.add_shortcut({ ...shortcut, condition: () => this.visible() });
			}
		}
	}

	load_purposes() {
		frappe.db.get_list("Booking Purpose", { filters: { is_active: 1 }, pluck: "name", order_by: "sort_order asc" }).then((names) => {
			const $select = this.$root.find(".mnc-cq-purpose");
			for (const name of names || []) {
				$select.append(`<option value="${this.esc(name)}">${this.esc(name)}</option>`);
			}
			$select.val(this.purpose);
		});
	}

	say(message, tone = "info") {
		this.$root
			.find(".mnc-cq-message")
			.attr("class", `mnc-cq-message mnc-cq-${tone}`)
			.text(message || "");
	}

	need_counter() {
		if (this.counter) return false;
		this.say(__("Enter your counter number first."), "warn");
		this.$root.find(".mnc-cq-counter").trigger("focus");
		return true;
	}

	request(method, args) {
		if (this.busy) return Promise.resolve(null);
		this.busy = true;
		// a native promise around frappe.call's jQuery one, for finally()
		return Promise.resolve(frappe.call({ method: `mynumber_card.api.counter_queue.${method}`, type: "POST", args }))
			.then(({ message }) => {
				this.say(message.message, message.ticket ? "ok" : "info");
				return message;
			})
			.catch(() => null)
			.finally(() => {
				this.busy = false;
				this.refresh();
			});
	}

	call_next() {
		if (this.need_counter()) return;
		this.request("call_next", { counter: this.counter, purpose: this.purpose || null, office: this.office || null });
	}

	act_on_mine(action) {
		const mine = this.board && this.board.mine[0];
		if (!mine) {
			this.say(__("No ticket is called at this counter."), "warn");
			return;
		}
		this.act(mine.name, action);
	}

	act(ticket, action) {
		if (action === CounterQueuePanel.act_value("TRANSFER")) {
			const offices = (this.board && this.board.choose && this.board.offices) || [];
			const fields = [{ fieldname: "counter", fieldtype: "Int", label: __("Transfer to counter"), reqd: 1 }];
			if (offices.length) {
				// shown so that the clerk sees the ticket stays here: another office is refused
				fields.push({ fieldname: "to_office", fieldtype: "Select", label: __("Office"), options: offices, default: this.office });
			}
			frappe.prompt(
				fields,
				({ counter, to_office }) => this.request("act", { ticket, action, counter, office: this.office || null, to_office }),
				__("Transfer"),
				__("Transfer")
			);
			return;
		}
		this.request("act", { ticket, action, counter: this.counter || null, office: this.office || null });
	}

	refresh() {
		return frappe
			.call({
				method: "mynumber_card.api.counter_queue.board",
				args: { counter: this.counter || null, office: this.office || null },
				type: "GET",
			})
			.then(({ message }) => {
				this.board = message;
				this.show_offices(message);
				this.render();
			});
	}

	show_offices(board) {
		const $select = this.$root.find(".mnc-cq-office");
		this.$root.find(".mnc-cq-office-label").prop("hidden", !board.choose);
		if (!board.choose) return;
		if ($select.children().length !== board.offices.length + 1) {
			$select.html(
				`<option value="">${__("All offices")}</option>` +
					board.offices.map((o) => `<option value="${this.esc(o)}">${this.esc(o)}</option>`).join("")
			);
		}
		$select.val(board.office || "");
	}

	// `constant` names the action (RECALL, ...): the button carries its value; `label` is translated
	button_html(ticket, constant, label, key, primary = false) {
		const action = CounterQueuePanel.act_value(constant);
		const shortcut_html = this.esc(key ? key.toUpperCase() : "");
		const kbd_html = key ? ` <kbd>Alt+${shortcut_html}</kbd>` : "";
		const keys_html = key ? ` aria-keyshortcuts="Alt+${shortcut_html}"` : "";
		return `<button type="button" class="btn ${primary ? "btn-primary" : "btn-default"} btn-sm" data-act="${this.esc(action)}"
			data-ticket="${this.esc(ticket.name)}"${keys_html}>${this.esc(label)}${kbd_html}</button>`;
	}

	mine_html() {
		const mine = this.board.mine;
		if (!mine.length) {
			return `<p class="text-muted">${this.counter ? __("No ticket is called at this counter.") : __("Enter your counter number first.")}</p>`;
		}
		return mine
			.map((t) => {
				const who_html = t.booking ? `${this.esc(t.booking)} ${this.esc(t.full_name)}` : __("Walk-in");
				const called = t.state === MNC_QUEUE().queue_states.CALLED;
				return `<div class="mnc-cq-current ${called ? "mnc-cq-called" : "mnc-cq-serving"}">
					<div class="mnc-cq-number">${this.esc(t.number)}</div>
					<div>${this.esc(t.purpose)} ・ ${this.esc(t.state_label)} ・ ${__("Called {0} of {1} times", [cint(t.call_count), cint(this.board.skip_after_calls)])}
						<br>${who_html}</div>
					<div class="mnc-cq-actions">
						${called ? this.button_html(t, "RECALL", __("Recall"), "r") : ""}
						${called ? this.button_html(t, "START", __("Begin Service"), "b", true) : ""}
						${this.button_html(t, "FINISH", __("Complete"), "c", !called)}
						${called ? this.button_html(t, "SKIP", __("Absent"), "a") : ""}
						${this.button_html(t, "TRANSFER", __("Transfer"), "t")}
						${called ? this.button_html(t, "PUT_BACK", __("Put Back"), "p") : ""}
					</div>
				</div>`;
			})
			.join("");
	}

	// actions_html(ticket): the row's buttons
	table_html(title, rows, actions_html) {
		if (!rows.length) return "";
		const rows_html = rows
			.map(
				(t) => `<tr>
					<th scope="row">${this.esc(t.number)}</th><td>${this.esc(t.kind_label)}</td><td>${this.esc(t.purpose)}</td>
					<td>${this.esc(t.checked_in)}</td><td>${__("{0} min", [cint(t.waited)])}</td>
					<td>${t.counter || t.for_counter ? __("Counter {0}", [cint(t.counter || t.for_counter)]) : ""}${t.late ? ` ${__("Late")}` : ""}</td>
					<td>${actions_html(t)}</td></tr>`
			)
			.join("");
		return `<h5>${this.esc(title)} (${rows.length})</h5>
			<table class="table table-sm mnc-cq-table"><thead><tr>
				<th scope="col">${__("Ticket Number")}</th><th scope="col">${__("Kind")}</th><th scope="col">${__("Purpose")}</th>
				<th scope="col">${__("Checked In At")}</th><th scope="col">${__("Waited")}</th><th scope="col">${__("Counter")}</th>
				<th scope="col"><span class="sr-only">${__("Actions")}</span></th></tr></thead><tbody>${rows_html}</tbody></table>`;
	}

	render() {
		const b = this.board;
		this.$root.find(".mnc-cq-mine").html(this.mine_html());
		this.$root.find(".mnc-cq-lists").html(
			[
				this.table_html(__("Needs a clerk (came late)"), b.to_staff, (t) => this.button_html(t, "ACCEPT", __("Let In"))),
				this.table_html(__("Waiting"), b.waiting, () => ""),
				this.table_html(__("Called at other counters"), b.called, () => ""),
				this.table_html(__("Absent"), b.skipped, (t) => this.button_html(t, "REINSTATE", __("Came Back"))),
			].join("") || `<p class="text-muted">${__("Nobody is waiting.")}</p>`
		);
	}

	destroy() {
		clearInterval(this.timer);
		frappe.realtime.off("mnc_queue", this.on_change);
		this.$root.remove();
	}
};
