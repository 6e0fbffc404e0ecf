"""The use cases the command line and the app both call: interviews, the workspace (the
store as a person works with it), imports, recovery, setting a store up and checking it,
what an analysis covers, exports."""
