"""Qt item models over compact row storage."""
