"""mycare: a private, encrypted personal care record."""

__version__ = "0.1.0"
