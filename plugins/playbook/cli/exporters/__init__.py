"""Contacts → files in other formats."""
