"""The Presets view: the library, the editor generated from the core form schema, previews."""
