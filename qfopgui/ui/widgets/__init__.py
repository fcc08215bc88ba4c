"""Small reusable widgets: banners, breadcrumb path bar, filter chips, icons."""
