package io.kadmesh.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.kadmesh.dht.NodeId;

/** Channel names: which are taken, what a refusal says, and the key a channel is stored under. */
class ChannelNameTest {

    @ParameterizedTest
    @ValueSource(strings = { "news", "a", "0day", "eu-west.alerts_v2",
            "x123456789012345678901234567890123456789012345678901234567890123" })
    void takesNamesOfLowercaseLettersDigitsAndSeparators(String name) {
        assertEquals(name, new ChannelName(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = { "News", "two words", ".hidden", "-dash", "über", "a/b",
            "x1234567890123456789012345678901234567890123456789012345678901234" })
    void refusesOtherNamesSayingWhatANameIs(String name) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new ChannelName(name));
        assertTrue(refused.getMessage().contains("a-z, 0-9") || refused.getMessage().contains("at most 64"),
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "" })
    void refusesAnEmptyName(String name) {
        assertThrows(IllegalArgumentException.class, () -> new ChannelName(name));
        assertThrows(IllegalArgumentException.class, () -> new ChannelName(null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "news" })
    void keysAChannelApartFromAValueStoredUnderItsName(String name) {
        NodeId key = new ChannelName(name).key();

        assertEquals(NodeId.sha1(("channel:" + name).getBytes(StandardCharsets.UTF_8)), key);
        assertNotEquals(NodeId.sha1(name.getBytes(StandardCharsets.UTF_8)), key);
    }
}
