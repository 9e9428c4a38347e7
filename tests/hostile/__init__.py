"""Hostile and unlucky input: intent files, MQTT payloads, journal damage. Runs in .ci/run."""
