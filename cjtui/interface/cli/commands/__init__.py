"""Groups of `cjtui` commands, each in its module, registered on the main group by
cjtui.interface.cli.main."""
