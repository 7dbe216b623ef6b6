"""Views: a page's query + build steps behind one function of plain arguments, so a page can
cache the finished figure or table on (arguments, database version) instead of hashing
DataFrames on every run. No Streamlit here."""
