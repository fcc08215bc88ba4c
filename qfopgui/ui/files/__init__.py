"""Files: the bucket browser, its lazy object model and the details pane."""
