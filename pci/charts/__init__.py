"""Chart builders: DataFrame in, plotly Figure out. No Streamlit here, so the same figures
serve the pages, the slide deck and the tests."""
