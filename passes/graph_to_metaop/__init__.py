"""Conversion of the graph dialect to the metaop dialect (`graph-to-metaop`)."""
