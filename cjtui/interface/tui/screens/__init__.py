"""The interview app's screens."""
