"""`reconciler demo`: the whole story on emulated routers, from nothing, in one command."""
