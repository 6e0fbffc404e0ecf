"""What the interviews say: curves, reports, maps, drawings, transcripts, the backlog."""
