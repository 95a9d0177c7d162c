"""wwrlint: lint analysis briefs so every claim has a dated source and every quote an analyst."""

__version__ = "0.1.0"

# wwrlint makes many objects and few reference cycles: looking for cycles every 700
# allocations, as Python does by default, took 30 % of the CPU of a brief with 40,000
# findings (bench/linear.py), and memory is the same either way.
RARE_COLLECTIONS = (100_000, 50, 1_000)
