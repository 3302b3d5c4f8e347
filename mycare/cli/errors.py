"""An error the command line reports in one line."""


class CliError(Exception):
    """A problem with how mycare was asked to run; str() is the message."""
