"""pages: the page catalogue and the page bodies (templates, charts, search entries, the
calendar). Imports logic and core."""
