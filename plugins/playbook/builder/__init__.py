"""builder: what one MkDocs build does with the pages (the session, workers, caches, the theme
around each page, sealing). Imports pages, logic and core."""
