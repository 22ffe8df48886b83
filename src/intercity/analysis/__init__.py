"""Analysis tools for intercity: plain Python, no Django imports allowed here."""
