"""Bilateral relations between governments: twinnings and agreements."""
