package io.kadmesh.dht.lookup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Value;
import io.kadmesh.dht.storage.SignedRecord;

/**
 * The paper's node lookup. Candidates are kept in order of distance to the target; at most alpha
 * queries are in flight; the next query always goes to the nearest candidate not yet asked among
 * the k nearest that have not failed. The lookup ends when all of those k have answered, or, for a
 * value lookup, when one returns the value. Unreachable candidates are skipped, so a lookup returns
 * the true k closest live nodes as long as the live nodes know each other. As the paper has it, once
 * a round of alpha answers names no node nearer than the nearest already heard of, the lookup asks
 * all of the k nearest not yet asked at once rather than alpha at a time.
 * <p>
 * A query unanswered after {@code slowAfter} is slow: it stops holding one of the alpha slots, and
 * from then on the lookup asks all of the k nearest candidates at once rather than alpha at a time.
 * A query is given up {@code giveUpAfter} after it was sent, as if it had failed. So contacts that
 * never answer (dead ones, or the unreachable ids a poisoned reply names) are asked together, within
 * {@code slowAfter} of each other, and given up together: with {@code giveUpAfter} the RPC timeout
 * less {@code slowAfter}, they cost the lookup at most one RPC timeout in all, not one per alpha of
 * them, while every query, a live contact's fresh dial on a loaded machine included, gets nearly the
 * whole RPC timeout. An id heard
 * at several addresses keeps up to {@value #MAX_ALTERNATE_ADDRESSES} more, tried in turn when one
 * fails outright, so a bogus address named first does not hide a live node; one given up (a black
 * hole) ends the candidate, so that naming one id at many black holes costs no more than one.
 * <p>
 * One lookup runs on one thread (the node's scheduler); it is used once.
 */
public final class IterativeLookup {

    /** How the lookup asks one contact: the future completes with its reply or fails. */
    @FunctionalInterface
    public interface Query {
        CompletionStage<Message> ask(Contact contact);
    }

    /** Most further addresses kept for one candidate id. */
    static final int MAX_ALTERNATE_ADDRESSES = 2;

    private final NodeId target;
    private final int k;
    private final int alpha;
    private final Query query;
    private final Scheduler scheduler;
    private final Duration slowAfter;
    private final Duration giveUpAfter;
    private final ByDistance<Candidate> candidates;
    private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
    private int width;
    private int inFlight;
    private int pending;
    private int queries;
    private int hops;
    /** The node nearest the target heard of so far, the looking node aside; null before any. */
    private NodeId nearest;
    /** Answers in a row that named no node nearer than {@link #nearest}. */
    private int answersWithoutProgress;
    private boolean advancing;
    private boolean advanceAgain;

    /**
     * A lookup of {@code target} by the node {@code self}, starting from the contacts it knows, whose
     * queries never count as slow: each holds its alpha slot until it is answered or fails.
     */
    public IterativeLookup(NodeId target, int k, int alpha, Contact self, List<Contact> start, Query query) {
        this(target, k, alpha, self, start, query, null, null, null);
    }

    /**
     * A lookup of {@code target} by the node {@code self}, starting from the contacts it knows; a query
     * unanswered after {@code slowAfter} on {@code scheduler} (the one the lookup runs on) is slow, and
     * one unanswered after {@code giveUpAfter} is given up.
     */
    public IterativeLookup(NodeId target, int k, int alpha, Contact self, List<Contact> start, Query query,
            Scheduler scheduler, Duration slowAfter, Duration giveUpAfter) {
        this.target = Objects.requireNonNull(target, "target must be set");
        this.k = k;
        this.alpha = alpha;
        this.width = alpha;
        this.query = Objects.requireNonNull(query, "query must be set");
        this.scheduler = scheduler;
        this.slowAfter = slowAfter;
        this.giveUpAfter = giveUpAfter;
        if ((scheduler == null) != (slowAfter == null) || (scheduler == null) != (giveUpAfter == null)) {
            throw new IllegalArgumentException("scheduler, slowAfter and giveUpAfter must be set together");
        }
        if (slowAfter != null && giveUpAfter.compareTo(slowAfter) <= 0) {
            throw new IllegalArgumentException(
                    "giveUpAfter must be longer than slowAfter, got " + giveUpAfter + " and " + slowAfter);
        }
        this.candidates = new ByDistance<>(target);
        candidates.add(self.id(), new Candidate(self, 0, LookupState.QUERIED));
        for (Contact contact : start) {
            heard(contact, 1);
        }
    }

    /** Starts the lookup; the future completes when it ends. Call once. */
    public CompletableFuture<LookupResult> run() {
        advance();
        return result;
    }

    /** Notes {@code contact}, heard at {@code hop}; answers whether it is the nearest node heard of yet. */
    private boolean heard(Contact contact, int hop) {
        Candidate known = candidates.get(contact.id());
        if (known == null) {
            candidates.add(contact.id(), new Candidate(contact, hop, LookupState.HEARD));
            return nearestYet(contact.id());
        }
        if (known.state == LookupState.HEARD && hop < known.hop) {
            known.hop = hop;
        }
        known.alternative(contact);
        return false;
    }

    private boolean nearestYet(NodeId id) {
        if (nearest != null && target.compareDistance(id, nearest) >= 0) {
            return false;
        }
        nearest = id;
        return true;
    }

    /**
     * The paper's widening: once alpha answers in a row have named no node nearer than the nearest
     * heard of, the lookup has converged, and it asks all of the k nearest not yet asked at once
     * rather than alpha at a time. It ends as before, when all of the k nearest have answered.
     */
    private void progressed(boolean nearer) {
        answersWithoutProgress = nearer ? 0 : answersWithoutProgress + 1;
        if (answersWithoutProgress >= alpha) {
            width = k;
        }
    }

    private void advance() {
        if (advancing) {
            advanceAgain = true;
            return;
        }
        advancing = true;
        try {
            do {
                advanceAgain = false;
                step();
            } while (advanceAgain && !result.isDone());
        } finally {
            advancing = false;
        }
    }

    private void step() {
        if (result.isDone()) {
            return;
        }
        List<Candidate> next = new ArrayList<>(alpha);
        int considered = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.valueAt(i);
            if (candidate.state == LookupState.UNREACHABLE) {
                continue;
            }
            if (considered++ == k || inFlight + next.size() == width) {
                break;
            }
            if (candidate.state == LookupState.HEARD) {
                next.add(candidate);
            }
        }
        if (next.isEmpty() && pending == 0) {
            finish(Optional.empty());
            return;
        }
        next.forEach(this::ask);
    }

    private void ask(Candidate candidate) {
        candidate.state = LookupState.WAITING;
        candidate.slow = false;
        inFlight++;
        pending++;
        queries++;
        if (scheduler != null) {
            candidate.slowTimer = scheduler.schedule(slowAfter, () -> slow(candidate));
            candidate.giveUpTimer = scheduler.schedule(giveUpAfter, () -> giveUp(candidate));
        }
        Contact asked = candidate.contact;
        candidate.asked = asked;
        candidate.tried.add(asked.address());
        query.ask(asked).whenComplete((reply, failure) -> answered(candidate, asked, reply, failure));
    }

    /** The query to {@code candidate} is still unanswered: it frees its slot, and the lookup widens to k. */
    private void slow(Candidate candidate) {
        if (candidate.state != LookupState.WAITING || candidate.slow || result.isDone()) {
            return;
        }
        candidate.slow = true;
        inFlight--;
        width = k;
        advance();
    }

    /**
     * The query to {@code candidate} is given up; its answer, should it come, is ignored. The candidate
     * is not tried at another address heard for it: a black hole costs a lookup one wait, not one per
     * address an attacker names for the same id.
     */
    private void giveUp(Candidate candidate) {
        if (candidate.state != LookupState.WAITING || result.isDone()) {
            return;
        }
        candidate.alternatives.clear();
        candidate.gaveUp = true;
        answered(candidate, candidate.asked, null, new IllegalStateException("given up"));
    }

    private void answered(Candidate candidate, Contact asked, Message reply, Throwable failure) {
        if (candidate.state != LookupState.WAITING || candidate.asked != asked) {
            return;
        }
        candidate.asked = null;
        pending--;
        if (!candidate.slow) {
            inFlight--;
        }
        if (candidate.slowTimer != null) {
            candidate.slowTimer.cancel();
            candidate.giveUpTimer.cancel();
        }
        if (failure != null || !answers(reply)) {
            candidate.state = candidate.retryElsewhere() ? LookupState.HEARD : LookupState.UNREACHABLE;
            advance();
            return;
        }
        candidate.state = LookupState.QUERIED;
        hops = Math.max(hops, candidate.hop);
        if (reply instanceof Value value) {
            finish(Optional.of(value.record()));
            return;
        }
        boolean nearer = false;
        for (Contact contact : ((Nodes) reply).nodes()) {
            nearer |= heard(contact, candidate.hop + 1);
        }
        progressed(nearer);
        advance();
    }

    /** Whether {@code reply} answers this lookup: a list of nodes, or the value of its target. */
    private boolean answers(Message reply) {
        return reply instanceof Nodes || reply instanceof Value value && value.key().equals(target);
    }

    private void finish(Optional<SignedRecord> value) {
        List<Contact> closest = new ArrayList<>(k);
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.valueAt(i);
            if (closest.size() == k) {
                break;
            }
            if (candidate.state == LookupState.QUERIED) {
                closest.add(candidate.contact);
            }
        }
        result.complete(new LookupResult(target, closest, hops, queries, value));
    }

    /** One contact the lookup knows of. */
    private static final class Candidate {
        Contact contact;
        int hop;
        LookupState state;
        boolean slow;
        Contact asked;
        Scheduler.Timer slowTimer;
        Scheduler.Timer giveUpTimer;
        /** Whether a query to it was given up: no other address is tried for it then. */
        boolean gaveUp;
        final List<Contact> alternatives = new ArrayList<>(0);
        final List<String> tried = new ArrayList<>(1);

        Candidate(Contact contact, int hop, LookupState state) {
            this.contact = contact;
            this.hop = hop;
            this.state = state;
        }

        /**
         * Another address heard for this id: tried next if the one asked fails, or at once if it
         * failed already (the candidate is heard again). At most {@value #MAX_ALTERNATE_ADDRESSES}
         * addresses besides the first are ever tried.
         */
        void alternative(Contact heard) {
            if (state == LookupState.QUERIED || gaveUp || heard.address().equals(contact.address())
                    || tried.contains(heard.address()) || alternatives.contains(heard)
                    || tried.size() + alternatives.size() > MAX_ALTERNATE_ADDRESSES) {
                return;
            }
            alternatives.add(heard);
            if (state == LookupState.UNREACHABLE) {
                contact = alternatives.remove(0);
                state = LookupState.HEARD;
            }
        }

        /** After the address asked failed: switches to the next address heard, if there is one. */
        boolean retryElsewhere() {
            if (alternatives.isEmpty()) {
                return false;
            }
            contact = alternatives.remove(0);
            return true;
        }
    }
}
