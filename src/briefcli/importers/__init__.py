"""Importers: turn a report in another form into a brief."""
