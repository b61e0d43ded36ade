"""logic: what the models mean (plans, messages, checks, schedule, board, findings, commands).
Imports core only."""
