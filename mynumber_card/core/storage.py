"""Where a card waiting for its holder is kept: box and position, handed out in the order cards are
scanned in, so that the pull list for a day is one walk along the shelves of the safe."""

DEFAULT_BOX_SIZE = 100


def parse_place(text: str | None) -> tuple[int, int] | None:
	"""'3-17' → (3, 17); anything else → None."""
	if not text:
		return None
	box, _sep, position = str(text).partition("-")
	if not (box.isdigit() and position.isdigit()):
		return None
	return int(box), int(position)


def format_place(box: int | None, position: int | None) -> str:
	return f"{box}-{position}" if box and position else ""


def next_place(last: str | None, box_size: int = DEFAULT_BOX_SIZE) -> tuple[int, int]:
	"""The place after the last one handed out: the next position, or the first of a new box."""
	size = box_size if box_size and box_size > 0 else DEFAULT_BOX_SIZE
	box, position = parse_place(last) or (1, 0)
	if position >= size:
		return box + 1, 1
	return box, position + 1


def pull_order(box: int | None, position: int | None) -> tuple[int, int, int]:
	"""Sort key for one walk: by box, then position; cards without a place come last."""
	if not box:
		return (1, 0, 0)
	return (0, box, position or 0)
