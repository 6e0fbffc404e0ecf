"""The one base class of every error cjtui reports to a person as a single line.

Kept in a module of its own, with no imports, so the command line can catch errors from
modules it has not imported yet.
"""


class CjtuiError(ValueError):
    """A problem with the input or the store, said in one line; the command exits 1."""


def carried(exc: BaseException) -> str:
    """What an error says: the message it carries (a Msg, kept as such), else its text."""
    message = exc.args[0] if len(exc.args) == 1 else None
    return message if isinstance(message, str) else str(exc)


class Msg(str):
    """A line said to a person, as the domain says it: the string itself is the English
    text; ``template`` is what it was made from ({0}, {1}… where values go, braces doubled)
    and ``args`` the values put in it (a value may itself be a Msg, or an error carrying
    one). The edges (the command line's error printer, the app's notices) say it in the
    interface's language by looking the template up in the catalogue, never by parsing the
    English back (see cjtui.base.i18n.say)."""

    template: str
    args: tuple[object, ...]

    def __new__(cls, template: str, *args: object) -> "Msg":
        self = super().__new__(cls, template.format(*args))
        self.template = template
        self.args = args
        return self
