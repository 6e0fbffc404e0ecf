"""The `cjtui` command line."""
