"""Models of this mechanism."""
