"""One module per command; each registers itself on :data:`briefcli.app.registry`."""
