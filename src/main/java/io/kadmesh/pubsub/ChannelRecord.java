package io.kadmesh.pubsub;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.dht.storage.SignedRecord;

/**
 * The value of a channel's record: {@code {"kind":"kadmesh.channel","name":...,"createdAt":...}}, the
 * time in ISO-8601. The creator is the record's publisher.
 */
final class ChannelRecord {

    static final String KIND = "kadmesh.channel";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChannelRecord() {
    }

    /** The value a new channel's record carries. */
    static String valueOf(ChannelName name, Instant createdAt) {
        return JSON.createObjectNode().put("kind", KIND).put("name", name.value()).put("createdAt",
                createdAt.toString()).toString();
    }

    /**
     * The channel {@code record} holds, when it is {@code name}'s channel record; a
     * {@link ChannelConflictException} saying why not otherwise.
     */
    static Channel read(ChannelName name, SignedRecord record) {
        JsonNode value;
        try {
            value = JSON.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new ChannelConflictException(name, record.publisher(), "its value is not JSON");
        }
        if (value == null || !KIND.equals(value.path("kind").asText()) || !name.value().equals(value.path("name")
                .asText())) {
            throw new ChannelConflictException(name, record.publisher(), "its value is no record of this channel");
        }
        try {
            return new Channel(name, Instant.parse(value.path("createdAt").asText()), record.publisher());
        } catch (DateTimeParseException e) {
            throw new ChannelConflictException(name, record.publisher(), "its createdAt is no ISO-8601 time");
        }
    }
}
