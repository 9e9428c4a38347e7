"""Drift adoption: a router's drift turned into an intent change on a new branch.

`edits` decides which intent edits adopt the drift (pure); `places` finds which file and
entry declares each route; `files` applies edits to file text keeping its layout and
comments; `branch` commits them on a branch; `github` opens the pull request; `run`
puts these together for the `adopt` command and the watcher's `adopt` policy.
"""
