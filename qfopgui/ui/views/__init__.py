"""The main window's views (one per nav entry)."""
