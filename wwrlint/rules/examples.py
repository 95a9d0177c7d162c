"""Shared pieces of the rules' documented examples, so each example stays a complete brief."""

HEAD = """\
id: pakistan-border-2022
title: Pakistan's border with Taliban-ruled Afghanistan
date: 2022-02-07
"""

ANALYSTS = """\
analysts:
  thomas-muller:
    name: Thomas Muller
    role: World Watch Research analyst
"""

DAWN = """\
sources:
  dawn-2022-01-03:
    publisher: Dawn
    date: 2022-01-03
"""

CLAIM = """\
  - claim: Border clashes broke out along the Durand line.
    sources: [dawn-2022-01-03]
"""

GOOD = HEAD + DAWN + "body:\n" + CLAIM
