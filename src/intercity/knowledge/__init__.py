"""Practices, lessons and search (arrives with a later issue)."""
