"""City networks and their themes."""
