"""Tests in headless Chromium against the built site (a package, so its module names are unique)."""
