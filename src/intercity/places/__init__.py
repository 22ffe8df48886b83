"""Countries, the gazetteer of places, and local and regional governments."""
