"""The one base class of every error cjtui reports to a person as a single line.

Kept in a module of its own, with no imports, so the command line can catch errors from
modules it has not imported yet.
"""


class CjtuiError(ValueError):
    """A problem with the input or the store, said in one line; the command exits 1."""
