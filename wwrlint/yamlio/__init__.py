"""The YAML layer, on ruamel.yaml: composing a file's text into nodes with positions,
building YAML 1.2 data from them, answering where each value is written, and writing
scalars. Nothing outside this package imports a YAML library (`loading` is its façade)."""
