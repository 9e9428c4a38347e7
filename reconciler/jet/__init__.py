"""JET client: channel, login, typed RIB/BGP/base calls, protobuf codec, errors."""
