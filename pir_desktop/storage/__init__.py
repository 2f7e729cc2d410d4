"""The SQLite library: SQLAlchemy models, opening and migrating, loading and saving reviews."""
