"""The prose bridge: turn a brief written as prose into a structured draft, and back."""
