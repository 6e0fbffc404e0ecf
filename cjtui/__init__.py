"""cjtui: capture customer-journey interviews in the terminal."""

__version__ = "0.3.0"
