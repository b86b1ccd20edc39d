"""QR codes as PNG, for letters, emails and pages: made offline, always a full QR code (scanners and
zbar do not read the Micro QR that segno.make may choose for short text)."""

import base64
from io import BytesIO

import segno


def qr_png(text: str, scale: int = 4) -> bytes:
	buffer = BytesIO()
	segno.make_qr(text, error="m").save(buffer, kind="png", scale=scale, border=3)
	return buffer.getvalue()


def png_data_uri(png: bytes) -> str:
	return "data:image/png;base64," + base64.b64encode(png).decode()


def qr_data_uri(text: str, scale: int = 4) -> str:
	"""Works in the browser, in emails and in wkhtmltopdf."""
	return png_data_uri(qr_png(text, scale))
