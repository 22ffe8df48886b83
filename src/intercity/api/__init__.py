"""The REST API (arrives with the atlas issue)."""
