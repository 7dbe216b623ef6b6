"""ETL: readers for publisher files, province name resolution, validation, loading."""
