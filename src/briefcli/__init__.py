"""brief: read, query and pipe long structured reports from the terminal."""

__version__ = "0.1.0"
