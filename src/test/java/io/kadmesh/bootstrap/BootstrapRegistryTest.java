package io.kadmesh.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.testing.ManualClock;

/** The registry's bounds: a quota per source, and a full registry that makes room for a newcomer. */
class BootstrapRegistryTest {

    private final ManualClock clock = new ManualClock();
    private final BootstrapRegistry registry = new BootstrapRegistry(clock, 4, 3);

    private BootstrapRegistry.Outcome record(NodeId id, String source) {
        return registry.record(new BootstrapMessages.Status(new Contact(id, "ws://" + source + ":1/dht"), true, 3),
                source);
    }

    private static NodeId newId() {
        return NodeIdentity.generate().id();
    }

    @Test
    void aSourceMustNotRegisterBeyondItsQuotaButMayReportAgain() {
        NodeId first = newId();
        record(first, "127.0.0.2");
        record(newId(), "127.0.0.2");
        record(newId(), "127.0.0.2");

        var refused = assertInstanceOf(BootstrapRegistry.Outcome.Refused.class, record(newId(), "127.0.0.2"));
        assertTrue(refused.reason().contains("registrations-per-source"), refused.reason());
        assertInstanceOf(BootstrapRegistry.Outcome.Recorded.class, record(first, "127.0.0.2"));
        assertInstanceOf(BootstrapRegistry.Outcome.Recorded.class, record(newId(), "127.0.0.3"));
    }

    @Test
    void aFullRegistryMustEvictUnverifiedEntriesFirstAndTakeTheNewcomer() {
        NodeId verifiedOld = newId();
        NodeId unverified = newId();
        record(verifiedOld, "127.0.0.2");
        registry.verified(verifiedOld, "ws://127.0.0.2:1/dht");
        clock.advance(Duration.ofSeconds(1));
        record(unverified, "127.0.0.3");
        NodeId verifiedA = newId();
        NodeId verifiedB = newId();
        record(verifiedA, "127.0.0.4");
        record(verifiedB, "127.0.0.5");
        registry.verified(verifiedA, "ws://127.0.0.4:1/dht");
        registry.verified(verifiedB, "ws://127.0.0.5:1/dht");

        NodeId newcomer = newId();
        assertInstanceOf(BootstrapRegistry.Outcome.Recorded.class, record(newcomer, "127.0.0.6"));
        assertTrue(registry.find(unverified).isEmpty(), "the unverified entry made room");
        assertTrue(registry.find(verifiedOld).isPresent());

        NodeId another = newId();
        assertInstanceOf(BootstrapRegistry.Outcome.Recorded.class, record(another, "127.0.0.7"));
        assertTrue(registry.find(newcomer).isEmpty(), "then the unverified newcomer, before any verified one");
        assertEquals(4, registry.nodes().size());
    }

    @Test
    void aFullRegistryOfVerifiedEntriesMustDropTheLongestSilent() {
        NodeId silent = newId();
        record(silent, "127.0.0.2");
        registry.verified(silent, "ws://127.0.0.2:1/dht");
        for (int i = 3; i <= 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            NodeId id = newId();
            record(id, "127.0.0." + i);
            registry.verified(id, "ws://127.0.0." + i + ":1/dht");
        }
        assertInstanceOf(BootstrapRegistry.Outcome.Recorded.class, record(newId(), "127.0.0.9"));
        assertTrue(registry.find(silent).isEmpty());
    }
}
