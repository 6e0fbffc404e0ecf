"""How a person reaches cjtui: the command line and the interview app."""
