"""wwrlint: lint analysis briefs so every claim has a dated source and every quote an analyst."""

__version__ = "0.1.0"
