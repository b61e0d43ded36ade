"""Interview Playbook: YAML notes on informational interviews → a Material for MkDocs playbook.

The package is layered by the step of the data flow, each layer importing only from itself and
the layers below it (import-linter checks it in `make lint`): core → logic → pages → builder →
plugin.py and cli/, which never import each other. config.py holds the plugin's options.
"""
