"""Base models (timestamps, history, provenance), data sources and shared plumbing."""
