"""Jobs: the Transcode dialog, the Jobs view and its controller over the jobs service."""
