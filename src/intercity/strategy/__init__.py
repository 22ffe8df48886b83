"""Evaluations of networks and portfolio runs (arrives with a later issue)."""
