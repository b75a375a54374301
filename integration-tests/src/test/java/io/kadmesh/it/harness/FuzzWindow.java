package io.kadmesh.it.harness;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import io.kadmesh.it.harness.AttackerLink.Event;
import io.kadmesh.it.harness.FuzzCase.IdRule;
import io.kadmesh.it.harness.FuzzCase.Outcome;

/**
 * One attacker's link with up to {@code size} frames awaiting their answers. Replies are paired with
 * frames by request id, and a reply with a null id with the oldest waiting frame that may be answered
 * so. A frame after which the node may close the link (binary, forged sender, over the size limit) is
 * sent alone, once every earlier frame has its answer, and is judged with its close; after a close
 * the attacker dials again and handshakes again.
 */
public final class FuzzWindow {

    /** Dials a new link, past the handshake. */
    public interface Dialer {
        /** A new link to the node. */
        AttackerLink dial() throws Exception;
    }

    private final Dialer dialer;
    private final FuzzVerdict verdict;
    private final int size;
    private final long waitMillis;
    private final Consumer<String> tally;
    private final List<FuzzCase> waiting = new ArrayList<>();
    private final List<Long> sentAt = new ArrayList<>();
    private AttackerLink link;
    private boolean rateLimited;

    /** A window of {@code size} frames on links from {@code dialer}; each answer counted in {@code tally}. */
    public FuzzWindow(Dialer dialer, int size, long waitMillis, Consumer<String> tally) throws Exception {
        this.dialer = dialer;
        this.size = size;
        this.waitMillis = waitMillis;
        this.tally = tally;
        this.link = dialer.dial();
        this.verdict = new FuzzVerdict(link.peerHello().nodeId());
    }

    /** The current link. */
    public AttackerLink link() {
        return link;
    }

    /**
     * Sends {@code frame} and judges every answer that is due before the next frame may go. Returns
     * what broke the contract, or null. {@link #rateLimited()} then says whether any answer was
     * {@code rate_limited}.
     */
    public String send(FuzzCase frame) throws Exception {
        rateLimited = false;
        boolean mayClose = frame.outcome() == Outcome.BINARY || frame.outcome() == Outcome.FORGED
                || frame.codes().contains("oversized");
        if (mayClose) {
            String failure = drain();
            if (failure != null) {
                return failure;
            }
        }
        if (frame.text() != null) {
            link.sendText(frame.text());
        } else {
            link.sendBinary(frame.binary());
        }
        if (!frame.expectsReply() && frame.outcome() != Outcome.BINARY) {
            return null;
        }
        if (mayClose) {
            FuzzVerdict.Result result = verdict.await(link, frame, waitMillis);
            return record(result);
        }
        waiting.add(frame);
        sentAt.add(System.nanoTime());
        while (waiting.size() >= size) {
            String failure = receiveOne();
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /** Waits for the answers to every frame sent; returns what broke the contract, or null. */
    public String drain() throws Exception {
        while (!waiting.isEmpty()) {
            String failure = receiveOne();
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /** Whether an answer judged by the last {@link #send} was {@code rate_limited}. */
    public boolean rateLimited() {
        return rateLimited;
    }

    /** The judge of this window's replies. */
    public FuzzVerdict verdict() {
        return verdict;
    }

    private String record(FuzzVerdict.Result result) throws Exception {
        tally.accept(result.counter());
        rateLimited |= result.rateLimited();
        if (result.failure() != null) {
            return result.failure();
        }
        if (result.closed()) {
            link = dialer.dial();
        }
        return null;
    }

    private String receiveOne() throws Exception {
        long waited = (System.nanoTime() - sentAt.get(0)) / 1_000_000;
        Event event = link.next(Math.max(1, waitMillis - waited));
        if (event == null) {
            return "no answer within " + waitMillis + " ms to " + waiting.get(0).shown();
        }
        if (event.isClose()) {
            if (!FuzzVerdict.trimmed(event)) {
                return "the node closed the link (" + event + ") with " + waiting.size()
                        + " frames waiting, the oldest " + waiting.get(0).shown();
            }
            tally.accept("close " + event.closeCode() + " (frames lost: " + waiting.size() + ")");
            waiting.clear();
            sentAt.clear();
            link = dialer.dial();
            return null;
        }
        String id = FuzzVerdict.idOfReply(event.frame());
        if ("".equals(id)) {
            tally.accept("requests from the node");
            return null;
        }
        int index = id == null && FuzzVerdict.isRateLimited(event.frame()) ? 0 : match(id);
        if (index < 0) {
            return "a reply '" + event.frame() + "' that answers no frame waiting for one; waiting: "
                    + waiting.stream().map(FuzzCase::requestId).toList();
        }
        FuzzCase frame = waiting.remove(index);
        sentAt.remove(index);
        return record(verdict.judge(frame, event.frame()));
    }

    private int match(String id) {
        Iterator<FuzzCase> frames = waiting.iterator();
        for (int i = 0; frames.hasNext(); i++) {
            FuzzCase frame = frames.next();
            boolean matches = id == null
                    ? frame.outcome() == Outcome.ERROR && frame.idRule() != IdRule.EXACT
                    : id.equals(frame.requestId());
            if (matches) {
                return i;
            }
        }
        return -1;
    }
}
