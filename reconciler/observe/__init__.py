"""Reading routers: opening sessions from device entries and observing their state."""
