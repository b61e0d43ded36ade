"""`python -m playbook.cli`: the `playbook` command."""

from playbook.cli.commands import main

main()
