"""PCI core: config, schema, query layer, analysis, charts, formatting, translations."""
