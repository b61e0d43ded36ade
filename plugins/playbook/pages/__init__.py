"""pages: the page catalogue and the page bodies. Imports logic and core."""
