package io.kadmesh.simulation;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

import io.kadmesh.dht.protocol.AddressSyntax;

/**
 * A network that exists only in memory, for running thousands of nodes in one JVM. Every node gets
 * an {@link InMemoryTransport} at an address such as {@code mem://17}; frames between them take a
 * random one-way delay in simulated time, may be lost, and stay in order on each link. Nodes can be
 * made to crash and come back.
 *
 * <p>
 * Single-threaded, like the {@link SimulatedTime} it runs on: every call must come from the thread
 * that drives the simulation. All randomness comes from the generator given, so one seed gives one
 * run.
 */
public final class InMemoryNetwork {

    /** The address scheme of this network. */
    public static final String SCHEME = "mem://";
    /** The contact addresses of this network: {@value #SCHEME} and at least one more character. */
    public static final AddressSyntax ADDRESSES = address -> address.startsWith(SCHEME) && address.length() > SCHEME.length()
            ? null
            : "a " + SCHEME + " address";

    private final SimulatedTime time;
    private final RandomGenerator random;
    private final Map<String, InMemoryTransport> endpoints = new HashMap<>();
    private final Set<String> blackHoles = new HashSet<>();
    private long minLatencyNanos = Duration.ofMillis(1).toNanos();
    private long latencyChoices = Duration.ofMillis(4).toNanos() + 1;
    private double lossRate;
    private long framesSent;
    private BiConsumer<String, String> tap = (from, frame) -> {
    };
    private long framesDelivered;
    private long framesDropped;

    /** A network on {@code time} that draws delays and losses from {@code random}. */
    public InMemoryNetwork(SimulatedTime time, RandomGenerator random) {
        this.time = Objects.requireNonNull(time, "time must be set");
        this.random = Objects.requireNonNull(random, "random must be set");
    }

    /** The address of the {@code n}th node, {@code mem://n}. */
    public static String address(int n) {
        return SCHEME + n;
    }

    /**
     * The endpoint of a node at {@code address}, which must use {@link #SCHEME} and not belong to
     * another open transport. A closed transport's address may be taken again, as by a restarted
     * node.
     */
    public InMemoryTransport transport(String address) {
        Objects.requireNonNull(address, "address must be set");
        if (!address.startsWith(SCHEME)) {
            throw new IllegalArgumentException("address must start with " + SCHEME + ", got " + address);
        }
        InMemoryTransport existing = endpoints.get(address);
        if (existing != null && !existing.isClosed()) {
            throw new IllegalArgumentException("address " + address + " already has a transport");
        }
        InMemoryTransport transport = new InMemoryTransport(this, address);
        endpoints.put(address, transport);
        return transport;
    }

    /** Makes each frame's one-way delay uniform in [{@code min}, {@code max}]; 1 to 5 ms unless set. */
    public void latency(Duration min, Duration max) {
        Objects.requireNonNull(min, "min must be set");
        Objects.requireNonNull(max, "max must be set");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("latency needs 0 <= min <= max, got min " + min + ", max " + max);
        }
        long span = SimulatedTime.nanos(max) - SimulatedTime.nanos(min);
        if (span == Long.MAX_VALUE) {
            throw new IllegalArgumentException("max latency is too long: " + max);
        }
        minLatencyNanos = SimulatedTime.nanos(min);
        latencyChoices = span + 1;
    }

    /** Makes each frame vanish with probability {@code p}; 0 unless set. */
    public void lossRate(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        lossRate = p;
    }

    /**
     * Crashes the node at {@code address}, as if it lost power: its links go dead on both ends
     * without a close, frames to or from it vanish, and dials to it are refused. Its links stay dead
     * after {@link #recover}.
     */
    public void fail(String address) {
        endpoint(address, "address").crash();
    }

    /** Brings a crashed node back: new dials to and from it work again; its old links stay dead. */
    public void recover(String address) {
        endpoint(address, "address").restart();
    }

    /**
     * Makes {@code address} a black hole, as a host that drops every packet: a dial to it neither
     * connects nor fails; only the dialer's own deadline ends it.
     */
    public void blackHole(String address) {
        blackHoles.add(address);
    }

    /** Whether {@code address} was made a {@linkplain #blackHole black hole}. */
    boolean isBlackHole(String address) {
        return blackHoles.contains(address);
    }

    /** Whether a transport exists at {@code address} and has not crashed. */
    public boolean isUp(String address) {
        InMemoryTransport transport = endpoints.get(address);
        return transport != null && transport.isUp();
    }

    /**
     * Has {@code tap} hear of every frame handed to an open link from now on, with the sender's
     * address, before the network delays or loses it.
     */
    public void tap(BiConsumer<String, String> tap) {
        this.tap = Objects.requireNonNull(tap, "tap must be set");
    }

    /** Frames handed to open links, including those lost later. */
    public long framesSent() {
        return framesSent;
    }

    /** Frames that reached a handler. */
    public long framesDelivered() {
        return framesDelivered;
    }

    /** Frames lost at random, sent on dead links, or arriving at closed or dead ends. */
    public long framesDropped() {
        return framesDropped;
    }

    SimulatedTime time() {
        return time;
    }

    /** The transport at {@code address}, or null when there is none. */
    InMemoryTransport endpoint(String address) {
        return endpoints.get(address);
    }

    /** When something sent now arrives, with a freshly drawn delay. */
    long arrivalNanos() {
        long delay = latencyChoices == 1 ? 0 : random.nextLong(latencyChoices);
        return time.nowNanos() + minLatencyNanos + delay;
    }

    /** Draws whether the network loses a frame. */
    boolean loses() {
        return lossRate > 0.0 && random.nextDouble() < lossRate;
    }

    void frameSent(String from, String frame) {
        framesSent++;
        tap.accept(from, frame);
    }

    void frameDelivered() {
        framesDelivered++;
    }

    void frameDropped() {
        framesDropped++;
    }

    private InMemoryTransport endpoint(String address, String name) {
        Objects.requireNonNull(address, name + " must be set");
        InMemoryTransport transport = endpoints.get(address);
        if (transport == null) {
            throw new IllegalArgumentException(name + " " + address + " has no transport");
        }
        return transport;
    }
}
