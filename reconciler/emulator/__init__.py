"""A strict JET device emulator: real gRPC servers speaking the JET wire format."""
