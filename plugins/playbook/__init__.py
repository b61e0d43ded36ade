"""Interview Playbook: YAML notes on informational interviews → a Material for MkDocs playbook."""
