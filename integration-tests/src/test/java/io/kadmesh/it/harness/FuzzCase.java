package io.kadmesh.it.harness;

import java.util.Set;

/**
 * One frame of a fuzz run and what {@code docs/protocol.md} says the node does with it.
 *
 * @param label the kind of mutation, for reports
 * @param text the text frame, or null for a binary one
 * @param binary the binary frame, or null for a text one
 * @param outcome what the node does
 * @param codes the error codes the node may answer with (documented for this kind of frame)
 * @param answerTypes the successful reply types the node may answer with
 * @param requestId the frame's request id, as the reply must mirror it
 * @param idRule which request ids the error reply may carry
 */
public record FuzzCase(String label, String text, byte[] binary, Outcome outcome, Set<String> codes,
        Set<String> answerTypes, String requestId, IdRule idRule) {

    /** What the node does with a frame. */
    public enum Outcome {
        /** Answers with an error reply of one of {@code codes}; the link stays open. */
        ERROR,
        /** Carries the request out (a reply of one of {@code answerTypes}) or declines it (an error). */
        ANSWER,
        /** A bad or unmatched reply: dropped, never answered. */
        SILENT,
        /** A forged sender: answered {@code refused} and the link closed with 1008 'forged sender'. */
        FORGED,
        /** A binary frame: the link is closed with 1003. */
        BINARY
    }

    /** Which request id an error reply carries. */
    public enum IdRule {
        /** The frame's own id. */
        EXACT,
        /** null: the frame had no readable, well-formed id. */
        NULL,
        /** Either: the documented rule leaves it to how far the decoder read (malformed, truncated). */
        EITHER
    }

    /** Whether the node answers this frame at all. */
    public boolean expectsReply() {
        return outcome == Outcome.ERROR || outcome == Outcome.ANSWER || outcome == Outcome.FORGED;
    }

    /** The frame, shortened for a failure message. */
    public String shown() {
        if (text == null) {
            return label + " (binary, " + binary.length + " bytes)";
        }
        String shown = text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
        return label + " " + shown;
    }
}
