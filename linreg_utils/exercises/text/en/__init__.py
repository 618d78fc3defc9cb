"""English messages of the exercises."""
