"""The YAML layer, on ruamel.yaml: composing a file's text into nodes with positions,
building YAML 1.2 data from them, and writing YAML. Nothing outside this package and
`loading` imports a YAML library."""
