package io.kadmesh.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.kadmesh.dht.NodeId;

/**
 * A channel's name: 1 to 64 characters of {@code a-z}, {@code 0-9}, {@code .}, {@code _} and {@code -},
 * starting with a letter or a digit. Its key in the DHT is the SHA-1 of {@code channel:} and the name,
 * so that no channel shares a key with a value stored under the name's own text.
 */
public record ChannelName(String value) {

    /** Longest name, in characters. */
    public static final int MAX_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");
    private static final String KEY_PREFIX = "channel:";

    /** Checks {@code value}; an {@link IllegalArgumentException} says what is wrong with it. */
    public ChannelName {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a channel name must be given");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a channel name is at most " + MAX_LENGTH + " characters, this one "
                    + value.length());
        }
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("a channel name is made of a-z, 0-9, '.', '_' and '-', and starts"
                    + " with a letter or a digit");
        }
    }

    /** The key the channel's record is stored under. */
    public NodeId key() {
        return NodeId.sha1((KEY_PREFIX + value).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return value;
    }
}
