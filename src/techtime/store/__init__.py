"""The only code that speaks SQL. Screens and commands call these modules."""

from techtime.store.database import Database, open_database

__all__ = ["Database", "open_database"]
