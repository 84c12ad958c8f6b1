"""The departments' DDL, executed verbatim on SQLite and PostgreSQL (package data)."""
