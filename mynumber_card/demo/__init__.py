"""The demo town (`bench --site X mynumber-card-demo`): town.py makes it, earlier.py its earlier Excel
ledger, paths.py a card for every path off the counter's happy path. Only commands.py imports it."""
