from mynumber_card.core.storage import format_place, next_place, parse_place, pull_order


def test_places_follow_the_scan_order_and_fill_boxes():
	assert next_place(None) == (1, 1)
	assert next_place("1-1") == (1, 2)
	assert next_place("1-100") == (2, 1)
	assert next_place("4-49", box_size=50) == (4, 50)
	assert next_place("4-50", box_size=50) == (5, 1)
	assert next_place("garbage", box_size=0) == (1, 1)


def test_place_text_round_trip():
	assert parse_place(format_place(3, 17)) == (3, 17)
	assert format_place(None, 5) == ""
	assert parse_place("3-") is None and parse_place("") is None


def test_pull_order_is_one_walk():
	places = [(2, 1), (None, None), (1, 30), (1, 2)]
	assert sorted(places, key=lambda p: pull_order(*p)) == [(1, 2), (1, 30), (2, 1), (None, None)]
