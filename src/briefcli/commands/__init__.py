"""One module per group of commands; each registers itself on :data:`briefcli.app.app`."""
