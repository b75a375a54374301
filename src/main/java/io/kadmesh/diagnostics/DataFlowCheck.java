package io.kadmesh.diagnostics;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.kadmesh.dht.protocol.ServiceRequest;
import io.kadmesh.spi.transport.UpgradeAnswer;
import io.kadmesh.wire.ControlJson;

/**
 * The data flow through a node (requirement 1.4: did a change break message flow?). A second
 * throwaway peer links to the node; messages of mixed sizes ({@link #RELAYED}), some beyond ASCII, go
 * from the first to the second over the node's relay and must arrive intact and in order; requests of
 * mixed sizes ({@link #REQUESTS}) from the first must all be answered, in order; and the node's own
 * counters for the first peer's link ({@code GET /api/node}) must have moved by exactly the bytes of
 * the DHT frames that went through it, and the metrics plugin's not at all while metrics are off, by at
 * least those bytes while they are on ({@link PluginCounters}). Nothing is stored: the requests ask for
 * a service no node offers.
 * The step's report takes its counts and sizes from those arrays.
 */
final class DataFlowCheck {

    /** The sizes, in characters, of the relayed messages. */
    static final int[] RELAYED = { 1, 120, 1_000, 4_000, 16_000, 64_000, 200_000, 7 };
    /** The sizes, in characters, of the requests' bodies. */
    static final int[] REQUESTS = { 2, 900, 30_000, 120_000 };
    /** A service no node offers: every request to it is refused, and changes nothing. */
    static final String SERVICE = "diagnose";

    private final Endpoint endpoint;
    private final Bounds bounds;
    private final long deadline;
    private final List<StepResult> steps;

    DataFlowCheck(Endpoint endpoint, Bounds bounds, long deadline, List<StepResult> steps) {
        this.endpoint = endpoint;
        this.bounds = bounds;
        this.deadline = deadline;
        this.steps = steps;
    }

    /**
     * Runs the flow from {@code first}, then the WebRTC check with the same two peers, unless
     * {@code webrtcSkipped} says why it is left out.
     */
    void run(ThrowawayPeer first, ProbeLink.Timers timers, String webrtcSkipped) throws StepFailure {
        long start = System.nanoTime();
        ProbeSocket socket = secondSocket(start);
        try (socket; ThrowawayPeer second = secondPeer(socket, timers, start)) {
            RestRead metricsBefore = metricsPage();
            relay(first, second, start);
            requests(first, start);
            String counters = counters(first, start) + "; " + pluginCounters(metricsBefore, first, start);
            steps.add(StepResult.passed(Step.FLOW, start, RELAYED.length + " relayed messages of " + sizeRange(RELAYED)
                    + " characters intact and in order; " + REQUESTS.length + " requests of up to "
                    + thousands(Arrays.stream(REQUESTS).max().getAsInt()) + " answered in order; " + counters));
            if (webrtcSkipped == null) {
                new WebRtcCheck(bounds, deadline, steps).run(first, second, timers);
            } else {
                steps.add(StepResult.skipped(Step.WEBRTC, webrtcSkipped));
            }
        }
    }

    private ProbeSocket secondSocket(long start) throws StepFailure {
        try {
            return new WebSocketOpening(endpoint, bounds, deadline, new ArrayList<>()).open();
        } catch (StepFailure failure) {
            throw fail(start, "a second link to the node failed at " + failure.finding().step().label() + ": "
                    + failure.finding().cause(), failure.finding().next());
        }
    }

    private ThrowawayPeer secondPeer(ProbeSocket socket, ProbeLink.Timers timers, long start) throws StepFailure {
        try {
            return new ThrowawayPeer().hello(endpoint, socket, timers, bounds.waitMillis(deadline));
        } catch (ThrowawayPeer.HelloFailed failed) {
            throw fail(start, "a second link's hello failed: " + failed.getMessage(), "check the node's inbound limits");
        }
    }

    private void relay(ThrowawayPeer from, ThrowawayPeer to, long start) throws StepFailure {
        String fromId = from.self().id().toHex();
        String toId = to.self().id().toHex();
        from.send(frame("relay_open", toId, null));
        to.send(frame("relay_open", fromId, null));
        awaitReady(from, toId, start);
        awaitReady(to, fromId, start);
        for (int size : RELAYED) {
            from.send(frame("relay", toId, text(size)));
        }
        for (int i = 0; i < RELAYED.length; i++) {
            String frame = await(to, f -> f.startsWith("{\"type\":\"relay\""), start, "relayed message " + (i + 1)
                    + " of " + RELAYED.length);
            JsonNode relayed = parse(frame);
            if (!relayed.path("from").asText().equals(fromId) || !relayed.path("data").asText().equals(text(RELAYED[i]))) {
                throw fail(start, "relayed message " + (i + 1) + " (" + RELAYED[i] + " characters) arrived changed or out"
                        + " of order: message flow through the node is broken", "read the node's log");
            }
        }
        from.send(frame("relay_close", toId, null));
    }

    private void awaitReady(ThrowawayPeer peer, String other, long start) throws StepFailure {
        String frame = await(peer, f -> f.startsWith("{\"type\":\"relay_"), start, "the relay's readiness");
        JsonNode answer = parse(frame);
        if (!answer.path("type").asText().equals("relay_ready") || !answer.path("peer").asText().equals(other)) {
            throw fail(start, "the node did not open the relay: " + frame, "read the node's log");
        }
    }

    private void requests(ThrowawayPeer peer, long start) throws StepFailure {
        String problem = requestRound(peer, () -> bounds.waitMillis(deadline));
        if (problem != null) {
            throw fail(start, problem + ": message flow through the node is broken or stalled", "read the node's log");
        }
    }

    /**
     * Sends the requests of {@link #REQUESTS} over {@code peer}'s link, all at once, and awaits their
     * answers (refusals: no node offers the service) in order, each within {@code waitMillis}; what went
     * wrong, or null when all were answered in order.
     */
    static String requestRound(ThrowawayPeer peer, IntSupplier waitMillis) {
        for (int i = 0; i < REQUESTS.length; i++) {
            String body = ControlJson.MAPPER.getNodeFactory().textNode(text(REQUESTS[i])).toString();
            peer.send(NodeConversation.CODEC.encode(new ServiceRequest("diagnose-" + i, peer.self(), SERVICE, body)));
        }
        for (int i = 0; i < REQUESTS.length; i++) {
            String what = "the answer to request " + (i + 1) + " of " + REQUESTS.length;
            String frame;
            try {
                frame = peer.await(f -> f.contains("\"requestId\":\"diagnose-"), waitMillis.getAsInt());
            } catch (ThrowawayPeer.Closed closed) {
                return "the node closed the link while waiting for " + what + " (" + closed.getMessage() + ")";
            }
            if (frame == null) {
                return what + " did not arrive within the wait";
            }
            if (!frame.contains("\"requestId\":\"diagnose-" + i + "\"")) {
                return "request " + (i + 1) + " was answered out of order: " + UpgradeAnswer.excerpt(frame);
            }
        }
        return null;
    }

    /** Whether the node's counters of {@code peer}'s link match what went through it; says what was checked. */
    private String counters(ThrowawayPeer peer, long start) throws StepFailure {
        URI api = endpoint.api().resolve("/api/node");
        RestRead read = RestRead.get(api, bounds.waitMillis(deadline));
        if (read.body() == null) {
            return "counters not checked: " + read.problem();
        }
        JsonNode links = read.body().path("connections");
        String id = peer.self().id().toHex();
        for (JsonNode link : links) {
            if (link.path("peer").asText().equals(id)) {
                long in = link.path("bytesIn").asLong(-1);
                long out = link.path("bytesOut").asLong(-1);
                if (in != peer.dhtBytesSent() || out != peer.dhtBytesReceived()) {
                    throw fail(start, "the node counted " + in + " bytes in and " + out + " out on this link, but "
                            + peer.dhtBytesSent() + " and " + peer.dhtBytesReceived() + " went through it: its transfer"
                            + " counters are wrong", "compare the node's version with a known good one");
                }
                return "the node's counters for the link moved by exactly " + in + " bytes in and " + out + " out";
            }
        }
        return "counters not checked: " + api + " lists no link of this peer";
    }

    private RestRead metricsPage() {
        return RestRead.text(endpoint.api().resolve(PluginCounters.PATH), bounds.waitMillis(deadline));
    }

    /**
     * Whether the metrics plugin's transfer counters moved with the flow: not at all while metrics are
     * off; while they are on, by at least the bytes of the DHT frames that went through the peer's link
     * (the plugin counts every link's traffic, so others' frames add to it). Says what was checked.
     */
    private String pluginCounters(RestRead before, ThrowawayPeer peer, long start) throws StepFailure {
        String notChecked = "the metrics plugin's counters not checked: ";
        RestRead after = before.text() == null ? before : metricsPage();
        if (after.text() == null) {
            return notChecked + after.problem();
        }
        PluginCounters was = PluginCounters.parse(before.text());
        PluginCounters now = PluginCounters.parse(after.text());
        if (was == null || now == null) {
            return notChecked + endpoint.api().resolve(PluginCounters.PATH) + " shows no kadmesh_metrics_enabled";
        }
        PluginCounters.Movement movement = was.movedTo(now, peer.dhtBytesSent(), peer.dhtBytesReceived());
        if (!movement.right()) {
            throw fail(start, movement.text(), "compare the node's version with a known good one, and report it");
        }
        return movement.text();
    }

    private String await(ThrowawayPeer peer, Predicate<String> wanted, long start, String what)
            throws StepFailure {
        try {
            String frame = peer.await(wanted, bounds.waitMillis(deadline));
            if (frame == null) {
                throw fail(start, what + " did not arrive within the wait: message flow through the node is broken or"
                        + " stalled", "check the node's load and its log");
            }
            return frame;
        } catch (ThrowawayPeer.Closed closed) {
            throw fail(start, "the node closed a link while waiting for " + what + " (" + closed.getMessage() + ")",
                    "read the close reason; the node's log says more");
        }
    }

    private String frame(String type, String to, String data) {
        var frame = ControlJson.MAPPER.createObjectNode().put("type", type).put("to", to);
        if (data != null) {
            frame.put("data", data);
        }
        return frame.toString();
    }

    private JsonNode parse(String text) throws StepFailure {
        JsonNode node = read(text);
        if (node == null) {
            throw fail(System.nanoTime(), "the node sent a frame that is no JSON: " + UpgradeAnswer.excerpt(text),
                    "read the node's log");
        }
        return node;
    }

    private static JsonNode read(String text) {
        try {
            return ControlJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code size} characters, the same for the same size, some beyond ASCII. */
    static String text(int size) {
        String pattern = "kadmesh diagnose: é € ✓ 0123456789 ";
        StringBuilder text = new StringBuilder(size);
        while (text.length() < size) {
            text.append(pattern, 0, Math.min(pattern.length(), size - text.length()));
        }
        return text.toString();
    }

    /** How {@code sizes} read in a report, smallest to largest: {@code 1 to 200,000}. */
    static String sizeRange(int[] sizes) {
        IntSummaryStatistics range = Arrays.stream(sizes).summaryStatistics();
        return thousands(range.getMin()) + " to " + thousands(range.getMax());
    }

    /** {@code size} with thousands separators, the same in every locale: {@code 200,000}. */
    private static String thousands(int size) {
        return String.format(Locale.ROOT, "%,d", size);
    }

    private StepFailure fail(long start, String cause, String next) {
        steps.add(StepResult.failed(Step.FLOW, start, cause));
        return new StepFailure(Step.FLOW, cause, next);
    }
}
