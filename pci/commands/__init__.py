"""Sub-commands of `pci`, one module each (``register(subparsers)``)."""
