"""PCI dashboard — entry point. A router only: see ``pci/ui/shell.py`` and ``pages/``."""

import streamlit as st

from pci.ui import shell

st.set_page_config(page_title="PCI Việt Nam", page_icon=":material/insights:", layout="wide")
shell.run()
