"""logic: what the models mean (plans, messages, what is due, findings). Imports core only."""
