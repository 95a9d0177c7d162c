"""Run wwrlint as `python -m wwrlint`."""

from wwrlint.cli import main

if __name__ == "__main__":
    main(prog_name="wwrlint")
