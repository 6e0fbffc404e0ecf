"""The interview app (Textual). Imported only by the commands that open it."""
