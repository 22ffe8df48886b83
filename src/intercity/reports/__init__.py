"""Accountability reports (arrives with a later issue)."""
