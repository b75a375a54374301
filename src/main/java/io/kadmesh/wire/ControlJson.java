package io.kadmesh.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON of control frames: the hello handshake and the bootstrap's onboarding messages. They are
 * few per link and small, so they are read as trees, but strictly: a field that appears twice,
 * content after the object, nesting deeper than {@value #MAX_NESTING} or a number longer than
 * {@value #MAX_NUMBER_LENGTH} digits is refused rather than guessed at. The peer protocol's frames
 * do not pass here: the core reads them with its own streaming codec ({@code dht.protocol}).
 * {@code docs/architecture.md}, "JSON", says why there are these two paths and no third.
 */
public final class ControlJson {

    /** Deepest nesting of objects and arrays read. */
    public static final int MAX_NESTING = 32;
    /** Longest number read, in characters. */
    public static final int MAX_NUMBER_LENGTH = 64;

    /** The one mapper for control frames; thread-safe once built. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(MAX_NUMBER_LENGTH).build())
            .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ControlJson() {
    }
}
