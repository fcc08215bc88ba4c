"""Uploads in the UI: Upload… and drag & drop into the Files view, the one question per batch
(conflicts, problems, transcode on upload) and the Transfers view with its progress."""
