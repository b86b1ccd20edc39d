// The resident's own booking (/my-booking): change the time or cancel it through the signed link.
// The page gives its data in escaped data- attributes, never in an inline script: its
// Content-Security-Policy runs no inline script that carries data.
// A change or a cancel revokes the link the page was opened with: after a change the server gives
// the new one and the address bar takes it (a reload or a bookmark keeps working); after a cancel
// the page shows the cancelled booking once, and the link no longer opens it.
frappe.ready(() => {
	window.mnc.label_controls();
	const $page = $(".mnc-booking");
	const purpose = $page.attr("data-purpose");
	let token = $page.attr("data-token");
	if (!token) return; // nothing to change: an error, or a booking no longer confirmed

	const say = (text) => $(".mnc-result").text(text);
	let chosen = null;

	const show = (b) => {
		$(".mnc-state-label").text(b.state_label);
		$(".mnc-when").text(`${b.date_label} ${b.time}`);
		$(".mnc-where").text(b.location);
		// the QR holds the check-in code of the booking's current link version: the old one is dead
		if (b.qr) $(".mnc-qr img").attr("src", b.qr);
		else $(".mnc-qr").remove();
		if (!b.can_change) $(".mnc-actions, .mnc-change-panel").remove();
	};

	const take_new_link = (new_token) => {
		token = new_token;
		$page.attr("data-token", token);
		const url = new URL(window.location.href);
		url.searchParams.set("token", token);
		url.searchParams.delete("new");
		window.history.replaceState(null, "", `${url.pathname}${url.search}`);
	};

	$(".mnc-cancel").on("click", () => {
		if (!window.confirm(__("この予約を取り消します。よろしいですか？"))) return;
		frappe
			.call({ method: "mynumber_card.api.booking.cancel_booking", args: { token } })
			.then(({ message }) => {
				show(message);
				$(".alert-success").remove();
				say(__("予約を取り消しました。このページのリンクは、これから先は使えません。"));
			});
	});

	$(".mnc-change").on("click", () => {
		$(".mnc-change-panel").prop("hidden", false);
		window.mnc.slot_picker($(".mnc-slot-picker"), purpose, (day, slot) => {
			chosen = slot.slot;
			$(".mnc-confirm-change").prop("disabled", false);
		});
	});

	$(".mnc-confirm-change").on("click", () => {
		frappe
			.call({ method: "mynumber_card.api.booking.reschedule_booking", args: { token, slot: chosen } })
			.then(({ message }) => {
				take_new_link(message.token);
				show(message);
				$(".mnc-change-panel").prop("hidden", true);
				$(".alert-success").remove();
				say(
					message.mail_held
						? __("日時を変更しました。続けて変更されたため、確認のメールは少し時間をおいて、最新の内容でお送りします。")
						: __("日時を変更しました。新しい日時の確認をお送りしました。前のお知らせのリンクとQRコードは使えなくなりました。")
				);
			});
	});
});
