"""The JET wire format: protobuf and gRPC code generated from protos/, shared by the
client driver (reconciler.jet) and the emulator (reconciler.emulator), and nothing else."""
