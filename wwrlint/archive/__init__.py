"""The archive around a brief: its roster, its catalogue of briefs published elsewhere and
what every other brief is, so that rules can check what no single file shows.

`locate` finds an archive, `update` opens it with its index brought up to date (`index`,
kept in an SQLite database, `listing` telling cheaply what changed), `summary` reads what
the index keeps of a file; rules see only `model`.
"""
