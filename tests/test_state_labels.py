"""The Japanese name of each card and booking state is written twice: in core (lists, letters, the
scanner) and in ja.csv (the desk's workflow, filters and charts). They must say the same."""

import pytest

from mynumber_card.core import booking_states, lifecycle
from tests.app_files import translations

# Every state has a label: booking_states.STATES are the keys, and test_lifecycle checks the cards'.
LABELS = {**lifecycle.STATE_LABELS_JA, **booking_states.STATE_LABELS_JA}


@pytest.mark.parametrize("state", sorted(LABELS))
def test_core_label_is_the_translation(state):
	assert translations("ja").get(state) == LABELS[state]
