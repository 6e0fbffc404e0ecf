"""The domain: the session model, studies and guides."""
