"""Pure analysis: ranks, gaps, what-if, target status. No I/O, no Streamlit."""
