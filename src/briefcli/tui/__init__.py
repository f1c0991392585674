"""`brief browse`: the full-screen reader, built with Textual (the optional extra 'browse')."""
