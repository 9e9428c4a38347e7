"""A strict JET router emulator: real gRPC servers speaking the JET wire format."""
