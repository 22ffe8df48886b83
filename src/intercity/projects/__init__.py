"""Cooperation projects (arrives with a later issue)."""
