package io.kadmesh.dht.protocol;

import java.util.List;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/** The field names of the wire format and the one JSON factory that reads and writes it. */
final class WireFormat {

    static final String TYPE = "type";
    static final String REQUEST_ID = "requestId";
    static final String SENDER = "sender";
    static final String TARGET = "target";
    static final String KEY = "key";
    static final String VALUE = "value";
    static final String NODES = "nodes";
    static final String CODE = "code";
    static final String MESSAGE = "message";
    static final String PUBLISHER = "publisher";
    static final String PUBLIC_KEY = "publicKey";
    static final String SEQ = "seq";
    static final String EXPIRES_AT = "expiresAt";
    static final String SIGNATURE = "signature";
    static final String SERVICE = "service";
    static final String BODY = "body";
    static final String NODE_ID = "nodeId";
    static final String ADDRESS = "address";

    /** The top-level fields some message uses; any other top-level field is skipped. */
    static final List<String> MESSAGE_FIELDS = List.of(TYPE, REQUEST_ID, SENDER, TARGET, KEY, VALUE, NODES, CODE,
            MESSAGE, PUBLISHER, PUBLIC_KEY, SEQ, EXPIRES_AT, SIGNATURE, SERVICE, BODY);

    /** Deepest nesting of arrays and objects a frame may have; messages themselves use 3. */
    static final int MAX_NESTING_DEPTH = 32;
    /** Longest number, in digits, a frame may hold; messages themselves use 19 at most (a record's seq and expiresAt). */
    static final int MAX_NUMBER_LENGTH = 64;

    /** Thread-safe once built; sharing it lets parsers and generators recycle their buffers. */
    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .errorReportConfiguration(ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(32)
                    .maxRawContentLength(0)
                    .build())
            .build();

    private WireFormat() {
    }
}
