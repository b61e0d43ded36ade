"""Benchmarks: a generator of synthetic playbooks and a runner against plain MkDocs."""
