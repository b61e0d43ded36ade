"""builder: what one MkDocs build does with the pages. Imports pages, logic and core."""
