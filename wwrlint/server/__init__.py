"""The language server, `wwrlint server`: the diagnostics of `wwrlint check` while a brief is
typed, and the brief's own ids to complete, explain, follow and rename.

`command` is the click command (it loads nothing else until the server starts), `app`
wires pygls to the handlers, `session` keeps the open buffers and the archives they are
checked against (`overlay`), and each feature has its module: `publish`, `completion`,
`navigation`, `symbols`, `actions`; `positions` maps wwrlint's places to the protocol's.
"""
