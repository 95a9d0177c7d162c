"""An invented brief of the Northwind Desk (see desk.py) with one of each typography flaw,
a date written in words and a quotation left open, and the same brief fixed."""

from __future__ import annotations

MESSY = """\
id: harbour-2031-04
title: The harbour"s fees rise again
date: 2031-03-09
analysts:
  ana-ferreira:
    name: Ana Ferreira
    role: Northwind Desk analyst
sources:
  gazette-2031-01-20:
    publisher: Harbour Gazette
    date: 20 January 2031
body:
  - claim: |
      Fees at the north harbour rose  for the
      third time this year.
    sources: [gazette-2031-01-20]
  - quote: The rise will be felt by “every small trader.
    analyst: ana-ferreira
"""

# What --fix makes of it: the safe fixes only; the quotation stays open.
FIXED = (
    MESSY.replace('harbour"s', "harbour's")
    .replace("date: 20 January 2031", "date: 2031-01-20")
    .replace("claim: |", "claim: >")
    .replace("rose  for", "rose for")
)
# What --fix --unsafe-fixes makes of it: the quotation closed at the end of the text.
ALL_FIXED = FIXED.replace("small trader.", "small trader.”")

# The findings --fix leaves: the open quotation, whose fix is only a guess.
LEFT = (
    "{name}:17:37: WWR402 [unbalanced-quotes] the quotation marks in this text do not "
    "pair up (“…”)\n"
)
