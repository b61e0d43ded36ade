"""cli: the `playbook` command. Imports builder, pages, logic and core; never the plugin."""
