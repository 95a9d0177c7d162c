"""Run wwrlint as `python -m wwrlint`."""

from wwrlint.cli import run

if __name__ == "__main__":
    run()
