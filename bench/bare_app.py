"""The reference for the TUI benchmarks: a bare Textual app with a Header, an Input and a
Footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input


class BareApp(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="type here")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
