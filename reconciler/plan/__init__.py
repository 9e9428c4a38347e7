"""Planning: pure functions from desired and observed values to an ordered Plan. No I/O."""
