"""Run wwrlint as `python -m wwrlint`."""

from wwrlint.command import run

if __name__ == "__main__":
    run()
