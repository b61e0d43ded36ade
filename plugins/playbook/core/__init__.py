"""core: files → typed, linked models; text, dates, digests, the clock. Imports no other layer."""
