"""One module per foreign format: reports, calendars, radars, reading lists, backups."""
