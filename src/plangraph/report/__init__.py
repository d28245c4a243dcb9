"""Reports on a finished build: analytics, comparison, the HTML explorer, targets, explanations."""
