package io.kadmesh.it.harness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.it.harness.FuzzCase.IdRule;
import io.kadmesh.it.harness.FuzzCase.Outcome;
import io.kadmesh.testing.RecordFrames;

/**
 * Generates hostile frames from a seed, each with the answer {@code docs/protocol.md} prescribes:
 * valid frames of every message type and mutations of them (wrong types, huge numbers, bad hex, deep
 * nesting, truncation, unknown types, repeated fields, missing fields, long strings near and over the
 * frame limit, bad escapes and control characters, trailing content), random JSON, random text and
 * binary frames. Written from the protocol document, independently of the codec under test.
 */
public final class FrameFuzzer {

    /** The documented frame limit, in characters. */
    public static final int FRAME_LIMIT = 262_144;
    /** The documented default longest stored value, in characters. */
    static final int VALUE_LIMIT = 65_536;

    private static final Set<String> MALFORMED = Set.of("malformed");
    private static final Set<String> INVALID = Set.of("invalid");
    private static final Set<String> SYNTAX = Set.of("malformed", "truncated");
    private static final Set<String> NONE = Set.of();
    private static final String[] REQUESTS = { "ping", "find_node", "find_value", "store" };
    private static final String[] REPLIES = { "pong", "nodes", "value", "stored", "error" };
    private static final String[] STRING_FIELDS = { "requestId", "target", "key", "value", "code", "message" };

    /** A sender for building record frames only; the fuzzer sends them as its own. */
    private static final Contact SIGNER_SENDER = new Contact(NodeId.fromHex("0".repeat(40)), "ws://127.0.0.1:1/dht");

    private final Random random;
    private final RecordFrames.Publisher publisher = new RecordFrames.Publisher();
    private final String selfId;
    private final String selfAddress;
    private final String prefix;
    private long counter;

    /** A generator for the peer {@code selfId} at {@code selfAddress}; request ids start with {@code prefix}. */
    public FrameFuzzer(long seed, String selfId, String selfAddress, String prefix) {
        this.random = new Random(seed);
        this.selfId = selfId;
        this.selfAddress = selfAddress;
        this.prefix = prefix;
    }

    /** The next frame. */
    public FuzzCase next() {
        int dice = random.nextInt(1000);
        if (dice < 5) {
            return binary();
        }
        if (dice < 10) {
            return longFrame();
        }
        if (dice < 13) {
            return forged();
        }
        if (dice < 90) {
            return randomText();
        }
        if (dice < 170) {
            return randomJson();
        }
        if (dice < 260) {
            return reply();
        }
        if (dice < 330) {
            return valid();
        }
        return mutatedRequest();
    }

    /** A request frame: fields in order, each a name and its raw JSON value. */
    private final class Frame {
        final String type;
        final String rid;
        final List<String[]> fields = new ArrayList<>();

        Frame(String type) {
            this.type = type;
            this.rid = prefix + "-" + (++counter);
            add("type", quote(type));
            add("requestId", quote(rid));
            add("sender", contact(selfId, selfAddress));
            switch (type) {
                case "find_node" -> add("target", quote(hex(40)));
                case "find_value" -> add("key", quote(hex(40)));
                case "store" -> addSignedRecord();
                case "nodes" -> add("nodes", contacts(1 + random.nextInt(5)));
                case "value" -> {
                    add("key", quote(hex(40)));
                    add("value", quote("w"));
                }
                case "error" -> {
                    add("code", quote("malformed"));
                    add("message", quote("from a fuzzer"));
                }
                default -> {
                }
            }
        }

        /**
         * A record signed by the fuzzer's publisher key as docs/protocol.md lays it out, live for up to
         * an hour: a valid store, until a mutation breaks it.
         */
        void addSignedRecord() {
            NodeId key = NodeId.fromHex(hex(40));
            String value = "v" + random.nextInt(1_000_000);
            long seq = 1 + random.nextInt(1_000_000);
            long expiresAt = System.currentTimeMillis() + 60_000 + random.nextInt(3_600_000);
            JsonNode frame = RecordFrames.read(RecordFrames.store("r", SIGNER_SENDER, key, value, publisher, seq,
                    Instant.ofEpochMilli(expiresAt)));
            for (String name : new String[] { "key", "value", "publisher", "publicKey", "seq", "expiresAt",
                    "signature" }) {
                add(name, frame.get(name).toString());
            }
        }

        void add(String name, String raw) {
            fields.add(new String[] { name, raw });
        }

        String[] field(String name) {
            return fields.stream().filter(f -> f[0].equals(name)).findFirst().orElse(null);
        }

        String[] anyFieldBut(String... excluded) {
            List<String[]> left = fields.stream().filter(f -> !List.of(excluded).contains(f[0])).toList();
            return left.get(random.nextInt(left.size()));
        }

        String render() {
            StringBuilder json = new StringBuilder("{");
            for (String[] field : fields) {
                json.append(json.length() > 1 ? "," : "").append('"').append(field[0]).append("\":").append(field[1]);
            }
            return json.append('}').toString();
        }

        Set<String> answers() {
            return switch (type) {
                case "ping" -> Set.of("pong");
                case "find_node" -> Set.of("nodes");
                case "find_value" -> Set.of("value", "nodes");
                default -> Set.of("stored");
            };
        }

        FuzzCase answer(String label) {
            return new FuzzCase(label, render(), null, Outcome.ANSWER, Set.of("refused"), answers(), rid,
                    IdRule.EXACT);
        }

        FuzzCase error(String label, Set<String> codes, IdRule rule) {
            return new FuzzCase(label, render(), null, Outcome.ERROR, codes, NONE, rid, rule);
        }

        FuzzCase error(String label, String text, Set<String> codes, IdRule rule) {
            return new FuzzCase(label, text, null, Outcome.ERROR, codes, NONE, rid, rule);
        }
    }

    private Frame request() {
        return new Frame(REQUESTS[random.nextInt(REQUESTS.length)]);
    }

    private FuzzCase valid() {
        Frame frame = request();
        return switch (random.nextInt(4)) {
            case 0 -> {
                frame.add("x_extra", randomValue(4));
                yield frame.answer("valid with an unknown field");
            }
            case 1 -> {
                frame.add("x_deep", "[".repeat(30) + "]".repeat(30));
                yield frame.answer("valid, nested 31 levels");
            }
            case 2 -> new FuzzCase("valid with trailing whitespace", frame.render() + " \n\t ", null, Outcome.ANSWER,
                    Set.of("refused"), frame.answers(), frame.rid, IdRule.EXACT);
            default -> frame.answer("valid");
        };
    }

    private FuzzCase mutatedRequest() {
        Frame frame = request();
        return switch (random.nextInt(16)) {
            case 0 -> badHex(frame);
            case 1 -> wrongType(frame);
            case 2 -> hugeNumber(frame);
            case 3 -> {
                int depth = 32 + random.nextInt(3000);
                frame.add("x_deep", "[".repeat(depth) + "]".repeat(depth));
                yield frame.error("nested deeper than 32", MALFORMED, IdRule.EITHER);
            }
            case 4 -> {
                String whole = frame.render();
                yield frame.error("truncated", whole.substring(0, random.nextInt(whole.length())), SYNTAX,
                        IdRule.EITHER);
            }
            case 5 -> {
                frame.field("type")[1] = quote("x" + word());
                yield frame.error("unknown type", Set.of("unknown_type"), IdRule.EXACT);
            }
            case 6 -> {
                String[] field = random.nextBoolean() ? frame.field("type") : frame.anyFieldBut("type");
                frame.fields.add(1 + random.nextInt(frame.fields.size()), new String[] { field[0], field[1] });
                yield frame.error("repeated field '" + field[0] + "'", MALFORMED, IdRule.EITHER);
            }
            case 7 -> missingField(frame);
            case 8 -> badRequestId(frame);
            case 9 -> badAddress(frame);
            case 10 -> {
                frame.add("x_text", "\"a\\" + "xyq!".charAt(random.nextInt(4)) + "b\"");
                yield frame.error("bad escape", MALFORMED, IdRule.EITHER);
            }
            case 11 -> {
                frame.add("x_text", "\"a" + (char) random.nextInt(0x20) + "b\"");
                yield frame.error("control character in a string", MALFORMED, IdRule.EITHER);
            }
            case 12 -> frame.error("content after the object", frame.render() + (random.nextBoolean() ? "{}" : " x"),
                    MALFORMED, IdRule.EITHER);
            case 13 -> frame.error("single quotes", frame.render().replace('"', '\''), MALFORMED, IdRule.NULL);
            case 14 -> {
                String whole = frame.render();
                yield frame.error("trailing comma", whole.substring(0, whole.length() - 1) + ",}", MALFORMED,
                        IdRule.EITHER);
            }
            default -> longValue(frame);
        };
    }

    private FuzzCase badHex(Frame frame) {
        String bad = switch (random.nextInt(5)) {
            case 0 -> hex(39);
            case 1 -> hex(41);
            case 2 -> hex(39) + "g";
            case 3 -> "";
            default -> hex(41 + random.nextInt(200));
        };
        String[] target = frame.field("target") != null ? frame.field("target") : frame.field("key");
        if (target == null || random.nextBoolean()) {
            frame.field("sender")[1] = contact(bad, selfAddress);
            return frame.error("bad hex in sender", INVALID, IdRule.EXACT);
        }
        target[1] = quote(bad);
        return frame.error("bad hex in " + target[0], INVALID, IdRule.EXACT);
    }

    private FuzzCase wrongType(Frame frame) {
        String name = random.nextInt(3) == 0 ? STRING_FIELDS[random.nextInt(STRING_FIELDS.length)]
                : frame.anyFieldBut()[0];
        String wrong = switch (name) {
            case "sender" -> new String[] { "5", "\"me\"", "[]", "true" }[random.nextInt(4)];
            case "seq", "expiresAt" -> new String[] { "\"60000\"", "1.5", "[1]", "{}" }[random.nextInt(4)];
            case "nodes" -> new String[] { "{}", "\"x\"", "3" }[random.nextInt(3)];
            default -> new String[] { "42", "[\"a\"]", "{\"a\":1}", "true", "-0.5" }[random.nextInt(5)];
        };
        String[] field = frame.field(name);
        if (field == null) {
            frame.add(name, wrong);
        } else {
            field[1] = wrong;
        }
        IdRule rule = name.equals("requestId") ? IdRule.NULL : name.equals("type") ? IdRule.EITHER : IdRule.EXACT;
        return frame.error("wrong JSON type for '" + name + "'", MALFORMED, rule);
    }

    private FuzzCase hugeNumber(Frame frame) {
        if (frame.type.equals("store") && random.nextBoolean()) {
            String name = random.nextBoolean() ? "seq" : "expiresAt";
            frame.field(name)[1] = random.nextBoolean() ? digits(20 + random.nextInt(44)) : "-" + digits(5);
            return frame.error(name + " out of range", INVALID, IdRule.EXACT);
        }
        if (random.nextBoolean()) {
            frame.add("x_number", digits(65 + random.nextInt(5000)));
            return frame.error("number of more than 64 digits", MALFORMED, IdRule.EITHER);
        }
        frame.add("x_number", "-" + digits(1 + random.nextInt(60)) + "." + digits(1 + random.nextInt(2)));
        return frame.answer("unknown field holding a number of up to 64 digits");
    }

    private FuzzCase missingField(Frame frame) {
        String[] field = frame.anyFieldBut();
        boolean asNull = random.nextBoolean();
        if (asNull) {
            field[1] = "null";
        } else {
            frame.fields.remove(field);
        }
        String label = (asNull ? "null " : "missing ") + field[0];
        return switch (field[0]) {
            case "requestId" -> frame.error(label, INVALID, IdRule.NULL);
            case "type" -> frame.error(label, Set.of("invalid", "malformed"), IdRule.EITHER);
            default -> frame.error(label, INVALID, IdRule.EXACT);
        };
    }

    private FuzzCase badRequestId(Frame frame) {
        String bad = switch (random.nextInt(4)) {
            case 0 -> "r".repeat(65 + random.nextInt(200));
            case 1 -> "";
            case 2 -> "a b";
            default -> "id-\u00e9" + random.nextInt(100);
        };
        frame.field("requestId")[1] = quote(bad);
        return frame.error("request id breaking its rules", INVALID, IdRule.NULL);
    }

    private FuzzCase badAddress(Frame frame) {
        String address = random.nextBoolean() ? "ws://127.0.0.1:1/" + "a".repeat(2_049) : "   ";
        frame.field("sender")[1] = contact(selfId, address);
        return frame.error("sender address blank or too long", INVALID, IdRule.EXACT);
    }

    private FuzzCase longValue(Frame frame) {
        if (frame.type.equals("store")) {
            frame.field("value")[1] = quote("v".repeat(VALUE_LIMIT + 1 + random.nextInt(4_000)));
            return frame.error("value longer than the node accepts", Set.of("invalid", "refused"), IdRule.EXACT);
        }
        frame.add("x_long", quote("s".repeat(1_000 + random.nextInt(20_000))));
        return frame.answer("unknown field with a long string");
    }

    private FuzzCase longFrame() {
        Frame frame = request();
        String body = frame.render();
        String head = body.substring(0, body.length() - 1) + ",\"x_pad\":\"";
        if (random.nextBoolean()) {
            int total = FRAME_LIMIT - random.nextInt(200);
            String text = head + "p".repeat(total - head.length() - 2) + "\"}";
            return new FuzzCase("frame just under the limit", text, null, Outcome.ANSWER, Set.of("refused"),
                    frame.answers(), frame.rid, IdRule.EXACT);
        }
        int total = FRAME_LIMIT + 1 + random.nextInt(5_000);
        String text = head + "p".repeat(total - head.length() - 2) + "\"}";
        return frame.error("frame over the limit", text, Set.of("oversized"), IdRule.NULL);
    }

    private FuzzCase forged() {
        Frame frame = request();
        frame.field("sender")[1] = contact(hex(40), selfAddress);
        return new FuzzCase("forged sender", frame.render(), null, Outcome.FORGED, Set.of("refused"), NONE, frame.rid,
                IdRule.EXACT);
    }

    private FuzzCase reply() {
        Frame frame = new Frame(REPLIES[random.nextInt(REPLIES.length)]);
        String label = switch (random.nextInt(6)) {
            case 0 -> {
                int length = random.nextInt(44);
                frame.field("sender")[1] = contact(hex(length < 40 ? length : length + 1), selfAddress);
                yield "bad sender in a reply";
            }
            case 1 -> {
                frame.anyFieldBut("type")[1] = randomValue(3);
                yield "reply with a field replaced";
            }
            case 2 -> {
                frame.add("nodes", contacts(65 + random.nextInt(10)));
                yield "reply with more than 64 contacts";
            }
            case 3 -> {
                frame.field("requestId")[1] = "null";
                yield "reply without an id";
            }
            default -> "unmatched reply";
        };
        return new FuzzCase(label + " (" + frame.type + ")", frame.render(), null, Outcome.SILENT, NONE, NONE,
                frame.rid, IdRule.EXACT);
    }

    private FuzzCase randomJson() {
        if (random.nextInt(4) == 0) {
            String value = randomValue(5);
            while (value.startsWith("{")) {
                value = randomValue(5);
            }
            return new FuzzCase("random JSON, not an object", value, null, Outcome.ERROR, MALFORMED, NONE, null,
                    IdRule.NULL);
        }
        StringBuilder object = new StringBuilder("{");
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            object.append(i > 0 ? "," : "").append("\"x_").append(word()).append("\":").append(randomValue(4));
        }
        String text = object.append('}').toString();
        return new FuzzCase("random JSON object without a type", text, null, Outcome.ERROR,
                Set.of("invalid", "malformed"), NONE, null, IdRule.NULL);
    }

    private FuzzCase randomText() {
        int length = random.nextInt(300);
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "{" : "");
        while (text.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) (0x20 + random.nextInt(0x5f)));
            } else if (kind < 8) {
                text.append((char) (0xa0 + random.nextInt(0xd000)));
            } else {
                text.appendCodePoint(0x10000 + random.nextInt(0xfffff));
            }
        }
        return new FuzzCase("random text", text.toString(), null, Outcome.ERROR,
                Set.of("malformed", "truncated", "invalid"), NONE, null, IdRule.NULL);
    }

    private FuzzCase binary() {
        byte[] data = new byte[random.nextInt(2_000)];
        random.nextBytes(data);
        return new FuzzCase("binary frame", null, data, Outcome.BINARY, NONE, NONE, null, IdRule.NULL);
    }

    private String randomValue(int depth) {
        int kind = random.nextInt(depth <= 0 ? 5 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> (random.nextBoolean() ? "-" : "") + digits(1 + random.nextInt(30))
                    + (random.nextBoolean() ? "." + digits(1 + random.nextInt(5)) : "")
                    + (random.nextBoolean() ? "e" + random.nextInt(400) : "");
            case 3 -> quote(word() + "\\u00e9\\n\\\"" + word());
            case 4 -> quote(hex(random.nextInt(50)));
            case 5 -> {
                StringBuilder array = new StringBuilder("[");
                int items = random.nextInt(5);
                for (int i = 0; i < items; i++) {
                    array.append(i > 0 ? "," : "").append(randomValue(depth - 1));
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                int items = random.nextInt(5);
                for (int i = 0; i < items; i++) {
                    object.append(i > 0 ? "," : "").append("\"x_").append(word()).append("\":")
                            .append(randomValue(depth - 1));
                }
                yield object.append('}').toString();
            }
        };
    }

    private String contacts(int count) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            list.append(i > 0 ? "," : "").append(contact(hex(40), "ws://127.0.0.1:" + (1 + random.nextInt(9)) + "/dht"));
        }
        return list.append(']').toString();
    }

    private static String contact(String nodeId, String address) {
        return "{\"nodeId\":" + quote(nodeId) + ",\"address\":" + quote(address) + "}";
    }

    private static String quote(String text) {
        return '"' + text + '"';
    }

    private String hex(int length) {
        StringBuilder hex = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            hex.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return hex.toString();
    }

    private String digits(int length) {
        StringBuilder digits = new StringBuilder(length).append((char) ('1' + random.nextInt(9)));
        while (digits.length() < length) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private String word() {
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
