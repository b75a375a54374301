package io.kadmesh.dht.protocol;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import io.kadmesh.spi.transport.Utf8;

/**
 * Turns messages into JSON text frames and frames back into messages, as docs/protocol.md
 * describes. Decoding never throws: whatever a peer sends, the result is a {@link Decoded} message or
 * a {@link DecodeError} that says why not. Immutable and safe to share between threads.
 */
public final class MessageCodec {

    /** The default frame limit: 256 KiB, counted in the bytes the frame takes in UTF-8 on the wire. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 256 * 1024;

    private static final int MAX_PARSER_REASON_LENGTH = 200;

    private final int maxFrameBytes;
    private final AddressSyntax addresses;

    /**
     * A codec that accepts frames of at most {@code maxFrameBytes} bytes in UTF-8 whose contacts carry
     * {@linkplain AddressSyntax#webSocket() WebSocket URLs}.
     */
    public MessageCodec(int maxFrameBytes) {
        this(maxFrameBytes, AddressSyntax.webSocket());
    }

    /**
     * A codec that accepts frames of at most {@code maxFrameBytes} bytes in UTF-8 whose contacts carry
     * addresses {@code addresses} accepts.
     */
    public MessageCodec(int maxFrameBytes, AddressSyntax addresses) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be >= 1, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.addresses = MessageChecks.present(addresses, "addresses");
    }

    /** A codec with the {@linkplain #DEFAULT_MAX_FRAME_BYTES default frame limit}. */
    public MessageCodec() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    /** The longest frame, in UTF-8 bytes, this codec decodes or encodes. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Whether {@code message} encodes to a frame within the limit, so that it can be sent. */
    public boolean fits(Message message) {
        return Utf8.fits(MessageWriter.write(MessageChecks.present(message, "message")), maxFrameBytes);
    }

    /**
     * The frame for {@code message}: one JSON object on one line.
     *
     * @throws IllegalArgumentException when the frame would be longer than {@link #maxFrameBytes()},
     *         so a peer with the same limit would refuse it
     */
    public String encode(Message message) {
        MessageChecks.present(message, "message");
        String frame = MessageWriter.write(message);
        if (!Utf8.fits(frame, maxFrameBytes)) {
            throw new IllegalArgumentException("message encodes to " + Utf8.length(frame)
                    + " bytes, over the frame limit of " + maxFrameBytes);
        }
        return frame;
    }

    /**
     * What {@code frame} holds. Never throws: null, oversized, broken or hostile input gives a
     * {@link DecodeError}. The length is checked before any parsing.
     */
    public DecodeResult decode(String frame) {
        if (frame == null) {
            return new DecodeError(ErrorCode.MALFORMED, "frame is null", null, null);
        }
        if (!Utf8.fits(frame, maxFrameBytes)) {
            return new DecodeError(ErrorCode.OVERSIZED, "frame is " + sizeOf(frame) + " bytes, over the limit of "
                    + maxFrameBytes, null, null);
        }
        RawFrame raw = new RawFrame();
        DecodeError readError = read(frame, raw);
        return readError != null ? readError : assemble(raw, addresses);
    }

    /** The frame's size in UTF-8 bytes; for a frame far over the limit, "at least" its length, not counted. */
    private String sizeOf(String frame) {
        return frame.length() > 4L * maxFrameBytes ? "at least " + frame.length() : Long.toString(Utf8.length(frame));
    }

    /** Reads the frame's JSON into {@code raw}; null when that worked, else why not. */
    private static DecodeError read(String frame, RawFrame raw) {
        try {
            FrameReader.read(frame, raw);
            return null;
        } catch (FrameException e) {
            return raw.error(e.code(), e.getMessage());
        } catch (JsonEOFException e) {
            return raw.error(ErrorCode.TRUNCATED, "frame ends before its JSON is complete");
        } catch (StreamConstraintsException e) {
            return raw.error(ErrorCode.MALFORMED, "frame exceeds the parser's limits: at most "
                    + WireFormat.MAX_NESTING_DEPTH + " levels of nesting, numbers of at most "
                    + WireFormat.MAX_NUMBER_LENGTH + " digits");
        } catch (JsonProcessingException e) {
            return notJson(e, frame, raw);
        } catch (IOException | RuntimeException e) {
            return raw.error(ErrorCode.MALFORMED, "frame could not be read: " + e);
        }
    }

    /** A parse error where the input ends means the frame was cut short; anywhere else, that it is not JSON. */
    private static DecodeError notJson(JsonProcessingException e, String frame, RawFrame raw) {
        long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        if (at >= frame.length()) {
            return raw.error(ErrorCode.TRUNCATED, "frame ends before its JSON is complete");
        }
        return raw.error(ErrorCode.MALFORMED, "frame is not valid JSON at character " + at + ": " + reason(e));
    }

    private static DecodeResult assemble(RawFrame raw, AddressSyntax addresses) {
        try {
            return new Decoded(MessageAssembler.assemble(raw, addresses));
        } catch (FrameException e) {
            return raw.error(e.code(), e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            // the assembler checks what the records check; this only guards against the two drifting apart
            return raw.error(ErrorCode.INVALID, String.valueOf(e.getMessage()));
        }
    }

    /** The parser's own explanation, without location and cut to a length fit for a reply. */
    private static String reason(JsonProcessingException e) {
        String reason = String.valueOf(e.getOriginalMessage()).replace('\n', ' ');
        return reason.length() <= MAX_PARSER_REASON_LENGTH ? reason : reason.substring(0, MAX_PARSER_REASON_LENGTH) + "...";
    }
}
