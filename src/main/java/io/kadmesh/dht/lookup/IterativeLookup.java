package io.kadmesh.dht.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Value;

/**
 * The paper's node lookup. Candidates are kept in order of distance to the target; at most alpha
 * queries are in flight; the next query always goes to the nearest candidate not yet asked among
 * the k nearest that have not failed. The lookup ends when all of those k have answered, or, for a
 * value lookup, when one returns the value. Unreachable candidates are skipped, so a lookup returns
 * the true k closest live nodes as long as the live nodes know each other.
 * <p>
 * One lookup runs on one thread (the node's scheduler); it is used once.
 */
public final class IterativeLookup {

    /** How the lookup asks one contact: the future completes with its reply or fails. */
    @FunctionalInterface
    public interface Query {
        CompletionStage<Message> ask(Contact contact);
    }

    private final NodeId target;
    private final int k;
    private final int alpha;
    private final Query query;
    private final TreeMap<NodeId, Candidate> candidates;
    private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
    private int inFlight;
    private int queries;
    private int hops;
    private boolean advancing;
    private boolean advanceAgain;

    /**
     * A lookup of {@code target} by the node {@code self}, starting from the contacts it knows.
     */
    public IterativeLookup(NodeId target, int k, int alpha, Contact self, List<Contact> start, Query query) {
        this.target = Objects.requireNonNull(target, "target must be set");
        this.k = k;
        this.alpha = alpha;
        this.query = Objects.requireNonNull(query, "query must be set");
        this.candidates = new TreeMap<>(target::compareDistance);
        candidates.put(self.id(), new Candidate(self, 0, LookupState.QUERIED));
        for (Contact contact : start) {
            heard(contact, 1);
        }
    }

    /** Starts the lookup; the future completes when it ends. Call once. */
    public CompletableFuture<LookupResult> run() {
        advance();
        return result;
    }

    private void heard(Contact contact, int hop) {
        Candidate known = candidates.get(contact.id());
        if (known == null) {
            candidates.put(contact.id(), new Candidate(contact, hop, LookupState.HEARD));
        } else if (known.state == LookupState.HEARD && hop < known.hop) {
            known.hop = hop;
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
        for (Candidate candidate : candidates.values()) {
            if (candidate.state == LookupState.UNREACHABLE) {
                continue;
            }
            if (considered++ == k || inFlight + next.size() == alpha) {
                break;
            }
            if (candidate.state == LookupState.HEARD) {
                next.add(candidate);
            }
        }
        if (next.isEmpty() && inFlight == 0) {
            finish(Optional.empty());
            return;
        }
        next.forEach(this::ask);
    }

    private void ask(Candidate candidate) {
        candidate.state = LookupState.WAITING;
        inFlight++;
        queries++;
        query.ask(candidate.contact).whenComplete((reply, failure) -> answered(candidate, reply, failure));
    }

    private void answered(Candidate candidate, Message reply, Throwable failure) {
        inFlight--;
        if (failure != null || !answers(reply)) {
            candidate.state = LookupState.UNREACHABLE;
            advance();
            return;
        }
        candidate.state = LookupState.QUERIED;
        hops = Math.max(hops, candidate.hop);
        if (reply instanceof Value value) {
            finish(Optional.of(value.value()));
            return;
        }
        ((Nodes) reply).nodes().forEach(contact -> heard(contact, candidate.hop + 1));
        advance();
    }

    /** Whether {@code reply} answers this lookup: a list of nodes, or the value of its target. */
    private boolean answers(Message reply) {
        return reply instanceof Nodes || reply instanceof Value value && value.key().equals(target);
    }

    private void finish(Optional<String> value) {
        List<Contact> closest = new ArrayList<>(k);
        for (Candidate candidate : candidates.values()) {
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
        final Contact contact;
        int hop;
        LookupState state;

        Candidate(Contact contact, int hop, LookupState state) {
            this.contact = contact;
            this.hop = hop;
            this.state = state;
        }
    }
}
