"""Reading intent: files (YAML or JSON) from a folder or a git revision, validated and
compiled into per-router values."""
