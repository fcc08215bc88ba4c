"""Links to many results at once: the shared Copy links / Export links flow and its options."""
