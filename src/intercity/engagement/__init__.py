"""Memberships of governments in networks."""
