"""What every layer stands on: errors and messages, plain text, JSON, safe files, and the
interface's words (cjtui.base.i18n, a layer of its own above the rest of base)."""
