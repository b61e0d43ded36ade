"""cli: the `playbook` command, driving every layer from a terminal. Imports builder, pages,
logic and core; never the plugin."""
