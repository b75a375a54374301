package io.kadmesh.it.harness;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.it.harness.AttackerLink.Event;
import io.kadmesh.it.harness.FuzzCase.IdRule;
import io.kadmesh.it.harness.FuzzCase.Outcome;

/**
 * Judges what a node did with one fuzz frame against {@code docs/protocol.md}: the error reply's
 * type, code, request id, message and sender; the successful reply's type and id; the close code and
 * reason. Requests the node itself sends on the link are skipped. A {@code rate_limited} error is a
 * legal answer to any frame the node answers.
 */
public final class FuzzVerdict {

    /** The error code of a request refused by a rate limit. */
    public static final String RATE_LIMITED = "rate_limited";

    private static final Set<String> NODE_REQUESTS = Set.of("ping", "find_node", "find_value", "store");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String nodeId;

    /** A judge of the replies of the node {@code nodeId}. */
    public FuzzVerdict(String nodeId) {
        this.nodeId = nodeId;
    }

    /**
     * What happened to one frame.
     *
     * @param counter what to count it as in the report
     * @param failure what broke the contract, or null
     * @param closed whether the node closed the link (legally, when {@code failure} is null)
     * @param rateLimited whether the answer was {@code rate_limited}
     */
    public record Result(String counter, String failure, boolean closed, boolean rateLimited) {

        static Result ok(String counter) {
            return new Result(counter, null, false, false);
        }

        static Result failed(String failure) {
            return new Result("failures", failure, true, false);
        }
    }

    /** Waits up to {@code millis} for the node's answer to {@code frame} and judges it. */
    public Result await(AttackerLink link, FuzzCase frame, long millis) throws InterruptedException {
        boolean refusedForged = false;
        while (true) {
            Event event = link.next(millis);
            if (event == null) {
                return Result.failed("no answer within " + millis + " ms to " + frame.shown());
            }
            if (event.isClose()) {
                return judgeClose(frame, event);
            }
            JsonNode reply = parse(event.frame());
            if (reply == null) {
                return Result.failed("unreadable reply '" + event.frame() + "' to " + frame.shown());
            }
            String type = reply.path("type").asText();
            if (NODE_REQUESTS.contains(type)) {
                continue;
            }
            if (frame.outcome() == Outcome.BINARY) {
                return Result.failed("a reply '" + event.frame() + "' instead of the close 1003 for " + frame.shown());
            }
            String problem = judgeReply(frame, reply);
            if (problem != null) {
                return Result.failed(problem + ": reply " + event.frame() + " to " + frame.shown());
            }
            String code = reply.path("code").asText();
            if (RATE_LIMITED.equals(code)) {
                return new Result("answer rate_limited", null, false, true);
            }
            if (frame.outcome() == Outcome.FORGED && !refusedForged) {
                refusedForged = true;
                continue;
            }
            return Result.ok(type.equals("error") ? "answer error " + code : "answer " + type);
        }
    }

    /** Judges {@code reply}, which answers {@code frame} (matched by request id, or in order when null). */
    public Result judge(FuzzCase frame, String reply) {
        JsonNode node = parse(reply);
        String problem = node == null ? "unreadable reply" : judgeReply(frame, node);
        if (problem != null) {
            return Result.failed(problem + ": reply " + reply + " to " + frame.shown());
        }
        String type = node.path("type").asText();
        String code = node.path("code").asText();
        if (RATE_LIMITED.equals(code)) {
            return new Result("answer rate_limited", null, false, true);
        }
        return Result.ok(type.equals("error") ? "answer error " + code : "answer " + type);
    }

    /** The request id of {@code reply}, null when it has none; or "" for a request the node itself sent. */
    public static String idOfReply(String reply) {
        JsonNode node = parse(reply);
        if (node == null) {
            return null;
        }
        if (NODE_REQUESTS.contains(node.path("type").asText())) {
            return "";
        }
        JsonNode id = node.get("requestId");
        return id == null || id.isNull() ? null : id.asText();
    }

    /** Whether {@code reply} is a {@code rate_limited} error. */
    public static boolean isRateLimited(String reply) {
        JsonNode node = parse(reply);
        return node != null && RATE_LIMITED.equals(node.path("code").asText());
    }

    /** Whether a close of the link, whatever frame came before, is a legal one: trimming over the connection limit. */
    public static boolean trimmed(Event close) {
        return close.closeCode() == 1000 && close.closeReason() != null && close.closeReason().contains("connection limit");
    }

    private Result judgeClose(FuzzCase frame, Event close) {
        String what = "close " + close.closeCode() + " '" + close.closeReason() + "'";
        boolean legal = switch (frame.outcome()) {
            case BINARY -> close.closeCode() == 1003;
            case FORGED -> close.closeCode() == 1008 && "forged sender".equals(close.closeReason());
            default -> frame.codes().contains("oversized") && close.closeCode() == 1009;
        };
        legal |= trimmed(close);
        return legal ? new Result(what, null, true, false)
                : Result.failed("the node closed the link (" + what + ") on " + frame.shown());
    }

    private String judgeReply(FuzzCase frame, JsonNode reply) {
        String type = reply.path("type").asText();
        JsonNode id = reply.get("requestId");
        String requestId = id == null || id.isNull() ? null : id.asText();
        if (!nodeId.equalsIgnoreCase(reply.path("sender").path("nodeId").asText())) {
            return "the reply's sender is not the node " + nodeId;
        }
        if (!type.equals("error")) {
            if (frame.outcome() != Outcome.ANSWER || !frame.answerTypes().contains(type)) {
                return "a '" + type + "' reply where " + frame.outcome() + " " + frame.answerTypes() + " was due";
            }
            return frame.requestId().equals(requestId) ? null : "reply id " + requestId + " is not " + frame.requestId();
        }
        String code = reply.path("code").asText();
        if (!reply.path("message").isTextual() || reply.path("message").asText().isBlank()) {
            return "an error reply without a message";
        }
        if (RATE_LIMITED.equals(code)) {
            return null;
        }
        if (!frame.codes().contains(code)) {
            return "code '" + code + "' where one of " + frame.codes() + " was due";
        }
        boolean idOk = switch (frame.outcome() == Outcome.ANSWER ? IdRule.EXACT : frame.idRule()) {
            case EXACT -> frame.requestId().equals(requestId);
            case NULL -> requestId == null;
            case EITHER -> requestId == null || requestId.equals(frame.requestId());
        };
        return idOk ? null : "error reply id " + requestId + " breaks rule " + frame.idRule() + " for " + frame.requestId();
    }

    /**
     * Sends a ping with {@code requestId} and checks that the next reply is its pong: a reply the node
     * owed to no frame (to a dropped reply, say) would come first. Returns what went wrong, or null.
     */
    public String finalProbe(AttackerLink link, String requestId, String selfId, String selfAddress)
            throws InterruptedException {
        link.sendText("{\"type\":\"ping\",\"requestId\":\"" + requestId + "\",\"sender\":{\"nodeId\":\"" + selfId
                + "\",\"address\":\"" + selfAddress + "\"}}");
        return awaitPong(link, requestId, 10_000);
    }

    /** Waits for the pong to {@code requestId}; any other reply first is a failure. Returns it, or null. */
    public String awaitPong(AttackerLink link, String requestId, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            Event event = left <= 0 ? null : link.next(left);
            if (event == null) {
                return "no pong to " + requestId + " within " + millis + " ms";
            }
            if (event.isClose()) {
                return "the link closed (" + event + ") while waiting for the pong to " + requestId;
            }
            JsonNode reply = parse(event.frame());
            String type = reply == null ? "" : reply.path("type").asText();
            if (NODE_REQUESTS.contains(type)) {
                continue;
            }
            if (type.equals("pong") && requestId.equals(reply.path("requestId").asText())) {
                return null;
            }
            return "'" + event.frame() + "' instead of the pong to " + requestId;
        }
    }

    private static JsonNode parse(String frame) {
        try {
            JsonNode node = STRICT.readTree(frame);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
