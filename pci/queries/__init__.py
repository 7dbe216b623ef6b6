"""The query layer: the only place with SQL. Every function takes the database path and
returns a DataFrame or plain values; pages and the CLI never write SQL themselves."""
