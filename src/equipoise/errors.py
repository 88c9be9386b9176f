"""One exception tree. Every error a user can see is an ``EquipoiseError``."""


class EquipoiseError(Exception):
    """Base of all equipoise errors; the message says what to do."""

    exit_code = 1


class ConfigError(EquipoiseError):
    """Bad settings file, unknown key or wrong value."""

    exit_code = 2


class InputError(EquipoiseError):
    """An input that cannot be read or parsed (the run records it and goes on)."""


class DataFileError(EquipoiseError):
    """A reference data file (actors, places, lexicon) breaks its schema."""


class ModelError(EquipoiseError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(EquipoiseError):
    """The DuckDB store cannot be opened, migrated, read or written."""


class NotFoundError(EquipoiseError):
    """A requested article, event or actor does not exist."""
