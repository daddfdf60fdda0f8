"""techtime: keep an engineering leader technically sharp."""

__version__ = "0.1.0"
