from datetime import datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mynumber_card.core.dates import clock


def test_clock_reads_what_the_database_and_code_hand_over():
	assert clock(timedelta(hours=9, minutes=5)) == "09:05"
	assert clock(time(13, 30)) == "13:30"
	assert clock(datetime(2026, 11, 27, 8, 45, 59)) == "08:45"
	assert clock("9:30:00") == "09:30"
	assert clock("17:15") == "17:15"
	assert clock(None) == "" and clock("") == ""


@given(st.times())
def test_clock_agrees_for_every_time_of_day(value):
	as_delta = timedelta(hours=value.hour, minutes=value.minute, seconds=value.second)
	assert clock(value) == clock(as_delta) == clock(str(as_delta)) == value.strftime("%H:%M")
