"""Behavioural diffs: what a change does to traffic, not which objects it edits.

`filters` answers which packets change fate between two filter definitions;
`routes` answers which destinations change forwarding. Both are pure.
"""
