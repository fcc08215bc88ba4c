"""The main window: navigation, toolbar, banners, status bar, welcome page."""
