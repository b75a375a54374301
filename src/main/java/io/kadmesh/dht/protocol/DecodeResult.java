package io.kadmesh.dht.protocol;

/** What {@link MessageCodec#decode(String)} made of a frame: a {@link Decoded} message or a {@link DecodeError}. */
public sealed interface DecodeResult permits Decoded, DecodeError {
}
