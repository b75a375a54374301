package io.kadmesh.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.dht.Contact;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;

/**
 * Rejoining during a long bootstrap outage, in simulated time: a joined node loses every contact and
 * its bootstrap stays unreachable for 10 minutes. Attempts must run one at a time, spaced by the
 * jittered exponential backoff, instead of one more chain per heartbeat.
 */
class RejoinBackoffTest {

    private static final String URL = "ws://127.0.0.1:9/bootstrap";
    private static final Duration OUTAGE = Duration.ofMinutes(10);
    private static final Duration DIAL_FAILS_AFTER = Duration.ofSeconds(1);

    private final SimulatedTime time = new SimulatedTime();
    private final NodeIdentity self = NodeIdentity.generate();
    private final NodeIdentity bootstrap = NodeIdentity.generate();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void mustRejoinOneAttemptAtATimeWithBoundedBackoff() {
        Bootstrap transport = new Bootstrap();
        JoinProcedure join = new JoinProcedure(new EmptyTable(), new BootstrapClient(transport, self,
                new SplittableRandom(1), Duration.ofSeconds(5)), List.of(URL), SETTINGS, time, new SplittableRandom(2),
                () -> new BootstrapMessages.Status(new Contact(self.id(), "ws://127.0.0.1:8/dht"), true, 3));
        CompletableFuture<Contact> joined = join.start();
        time.runFor(Duration.ofSeconds(1));
        assertTrue(joined.isDone(), "joined while the bootstrap was up");
        long attemptsBefore = join.attempts();

        transport.up = false;
        time.runFor(OUTAGE);

        long attempts = join.attempts() - attemptsBefore;
        assertEquals(1, transport.maxInFlight, "at most one dial to the bootstrap in flight at any time");
        assertTrue(transport.inFlight <= 1, "in flight now: " + transport.inFlight);
        assertTrue(join.isJoining(), "still trying");
        long ramp = 1 + Long.numberOfTrailingZeros(Long.highestOneBit(
                SETTINGS.maxBackoff().toMillis() / SETTINGS.initialBackoff().toMillis()) << 1);
        long bound = ramp + OUTAGE.toMillis() / (SETTINGS.maxBackoff().toMillis() / 2 + DIAL_FAILS_AFTER.toMillis());
        assertTrue(attempts >= 10 && attempts <= bound, attempts + " attempts in 10 minutes, at most " + bound);
    }

    /** A node whose routing table is empty: it joins through any introduced peer, and knows no one. */
    private static final class EmptyTable implements JoiningNode {
        @Override
        public CompletableFuture<Contact> join(Contact seed) {
            return CompletableFuture.completedFuture(seed);
        }

        @Override
        public CompletableFuture<List<Contact>> knownContacts() {
            return CompletableFuture.completedFuture(List.of());
        }
    }

    /** The bootstrap: answers in simulated time while up; while down, every dial fails after a second. */
    private final class Bootstrap implements Transport {
        volatile boolean up = true;
        int inFlight;
        int maxInFlight;

        @Override
        public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
            maxInFlight = Math.max(maxInFlight, ++inFlight);
            CompletableFuture<PeerLink> dial = new CompletableFuture<>();
            if (!up) {
                time.schedule(DIAL_FAILS_AFTER, () -> {
                    inFlight--;
                    dial.completeExceptionally(new TransportException("sim", address, Phase.CONNECT, "refused"));
                });
                return dial;
            }
            Link link = new Link(handler);
            time.execute(() -> {
                dial.complete(link);
                handler.onFrame(link, BootstrapMessages.challenge(link.challenge));
            });
            return dial;
        }

        @Override
        public String id() {
            return "sim";
        }

        @Override
        public boolean supports(String address) {
            return true;
        }

        @Override
        public void listen(LinkHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }

        /** One link to the bootstrap, answering a registration with itself as the one peer. */
        private final class Link implements PeerLink {
            final BootstrapMessages.Challenge challenge = new BootstrapMessages.Challenge(bootstrap.id(),
                    bootstrap.publicKey(), new byte[BootstrapMessages.NONCE_BYTES]);
            final LinkHandler handler;
            boolean open = true;

            Link(LinkHandler handler) {
                this.handler = handler;
            }

            @Override
            public CompletionStage<Void> send(String frame) {
                var register = (BootstrapMessages.Register) BootstrapMessages.parseRequest(frame);
                String answer = BootstrapMessages.introductions(BootstrapMessages.Introductions.signedBy(bootstrap,
                        challenge, register, List.of(new Contact(bootstrap.id(), "ws://127.0.0.1:9/dht"))));
                time.execute(() -> handler.onFrame(this, answer));
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close(int code, String reason) {
                if (open) {
                    open = false;
                    inFlight--;
                }
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public String transportId() {
                return "sim";
            }

            @Override
            public String remoteAddress() {
                return URL;
            }

            @Override
            public Direction direction() {
                return Direction.OUTBOUND;
            }

            @Override
            public Optional<String> peerId() {
                return Optional.empty();
            }
        }
    }

    private static final NodeConfig.Bootstrap SETTINGS = new NodeConfig.Bootstrap() {
        @Override
        public Optional<List<String>> urls() {
            return Optional.of(List.of(URL));
        }

        @Override
        public Duration initialBackoff() {
            return Duration.ofMillis(250);
        }

        @Override
        public Duration maxBackoff() {
            return Duration.ofSeconds(15);
        }

        @Override
        public Duration heartbeat() {
            return Duration.ofSeconds(5);
        }

        @Override
        public int registryCapacity() {
            return 10_000;
        }

        @Override
        public int registrationsPerSource() {
            return 64;
        }

        @Override
        public List<String> dialableHosts() {
            return List.of("source");
        }
    };
}
