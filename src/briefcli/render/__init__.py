"""Renderers: one module per output format; each returns a string or a Rich renderable."""
