"""Drift correction: event intake now; the controller comes with the watch feature."""
