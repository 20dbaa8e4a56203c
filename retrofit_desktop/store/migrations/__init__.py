"""Alembic migrations of the workspace schema (run programmatically by ``store.db.migrate``)."""
