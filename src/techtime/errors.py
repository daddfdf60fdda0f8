"""The named errors of techtime. Each message is the one line a user reads.

The command line turns `InputError` into exit status 2 and every other
`TechtimeError` into exit status 1; the TUI shows either as a notification.
"""


class TechtimeError(Exception):
    """Base class: a failure we expected and can explain in one line."""


class InputError(TechtimeError):
    """The user gave input we cannot accept; nothing was changed.

    `field` names the form field that is wrong, when one is (a form shows the message under it).
    """

    def __init__(self, *args: object, field: str | None = None) -> None:
        super().__init__(*args)
        self.field = field


class CaptureError(InputError):
    """A capture line that does not follow the capture syntax."""


class DateInputError(InputError):
    """A date that does not parse."""


class QuarterError(InputError):
    """A quarter that does not exist, such as 2026Q5."""


class DatabaseError(TechtimeError):
    """The database file cannot be opened or used."""


class ReadOnlyDatabaseError(DatabaseError):
    """A write was attempted on a database opened read-only."""


class DatabaseLockedError(DatabaseError):
    """Another process held the database past the busy timeout."""


class DamagedDatabaseError(DatabaseError):
    """The file is a techtime database that is damaged (cut short, pages out of order): restore a backup."""


class ForeignDatabaseError(DatabaseError):
    """The file is not techtime's (another program's SQLite file, or not SQLite at all)."""
