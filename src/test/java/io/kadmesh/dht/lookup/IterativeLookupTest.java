package io.kadmesh.dht.lookup;

import static io.kadmesh.testing.TinyIds.contact;
import static io.kadmesh.testing.TinyIds.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Value;
import io.kadmesh.testing.Records;

class IterativeLookupTest {

    private static final Contact SELF = contact("0000");

    /** Who knows whom: each contact answers with the contacts listed for it. */
    private final Map<NodeId, List<Contact>> knows = new HashMap<>();
    private final Set<NodeId> down = new HashSet<>();
    private final List<NodeId> asked = new ArrayList<>();

    private void knows(Contact who, Contact... contacts) {
        knows.put(who.id(), List.of(contacts));
    }

    private CompletableFuture<Message> answerAtOnce(Contact contact) {
        asked.add(contact.id());
        if (down.contains(contact.id())) {
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }
        return CompletableFuture.completedFuture(new Nodes("r", contact, knows.getOrDefault(contact.id(), List.of())));
    }

    private LookupResult lookup(NodeId target, int k, List<Contact> start) {
        return new IterativeLookup(target, k, 3, SELF, start, this::answerAtOnce).run().join();
    }

    @Test
    void mustFindTheClosestContactsThroughReferrals() {
        Contact far = contact("1000");
        Contact nearer = contact("0110");
        Contact near = contact("0101");
        Contact nearest = contact("0100");
        knows(far, nearer);
        knows(nearer, near, far);
        knows(near, nearest, nearer);
        knows(nearest, near);

        LookupResult result = lookup(id("0100"), 2, List.of(far));

        assertEquals(List.of(nearest, near), result.closest());
        assertEquals(4, result.hops(), "far -> nearer -> near -> nearest is four queries deep");
    }

    @Test
    void mustIncludeTheLookingNodeWhenItIsAmongTheClosest() {
        Contact other = contact("1000");
        knows(other, SELF);

        LookupResult result = lookup(id("0001"), 2, List.of(other));

        assertEquals(List.of(SELF, other), result.closest());
    }

    @Test
    void mustLeaveUnreachableContactsOutAndAskTheNextClosest() {
        Contact entry = contact("1000");
        Contact dead = contact("0101");
        Contact next = contact("0111");
        Contact farther = contact("0110");
        knows(entry, dead, next, farther);
        down.add(dead.id());

        LookupResult result = lookup(id("0101"), 2, List.of(entry));

        assertEquals(List.of(next, farther), result.closest());
        assertTrue(asked.contains(dead.id()));
    }

    @Test
    void mustEndWithOnlyTheLookingNodeWhenItKnowsNobody() {
        LookupResult result = lookup(id("1111"), 3, List.of());

        assertEquals(List.of(SELF), result.closest());
        assertEquals(0, result.queries());
    }

    @Test
    void mustKeepAtMostAlphaQueriesInFlight() {
        List<Contact> start = List.of(contact("1000"), contact("1001"), contact("1010"), contact("1011"),
                contact("1100"));
        List<CompletableFuture<Message>> pending = new ArrayList<>();
        IterativeLookup lookup = new IterativeLookup(id("1000"), 5, 3, SELF, start, contact -> {
            CompletableFuture<Message> reply = new CompletableFuture<>();
            pending.add(reply);
            return reply;
        });

        CompletableFuture<LookupResult> result = lookup.run();
        assertEquals(3, pending.size(), "alpha = 3 queries start at once");

        pending.get(0).complete(new Nodes("r", start.get(0), List.of()));
        assertEquals(4, pending.size(), "one answer frees one slot");
        pending.get(1).completeExceptionally(new IllegalStateException("timeout"));
        assertEquals(5, pending.size());
        pending.subList(2, 5).forEach(reply -> reply.complete(new Nodes("r", SELF, List.of())));

        assertTrue(result.isDone());
        assertEquals(4, result.join().closest().size() - 1, "four answered, one failed, plus the looking node");
    }

    @Test
    void mustAskTheRestOfTheKNearestAtOnceWhenARoundBringsNobodyNearer() {
        List<Contact> start = List.of(contact("1000"), contact("1001"), contact("1010"), contact("1011"),
                contact("1100"), contact("1101"), contact("1110"), contact("1111"));
        List<CompletableFuture<Message>> pending = new ArrayList<>();
        new IterativeLookup(id("1000"), 8, 3, SELF, start, contact -> {
            CompletableFuture<Message> reply = new CompletableFuture<>();
            pending.add(reply);
            return reply;
        }).run();

        pending.get(0).complete(new Nodes("r", start.get(0), start));
        pending.get(1).complete(new Nodes("r", start.get(1), start));
        assertEquals(5, pending.size(), "two answers without a nearer node: still alpha at a time");
        pending.get(2).complete(new Nodes("r", start.get(2), start));

        assertEquals(8, pending.size(), "alpha answers named nobody nearer: the rest of the k are asked at once");
    }

    @Test
    void mustKeepAskingAlphaAtATimeWhileAnswersBringNearerNodes() {
        Contact first = contact("0100");
        Contact second = contact("0101");
        Contact third = contact("0110");
        List<Contact> start = List.of(first, second, third, contact("0111"));
        Map<NodeId, Contact> names = Map.of(first.id(), contact("1100"), second.id(), contact("1010"), third.id(),
                contact("1001"));
        Map<NodeId, CompletableFuture<Message>> pending = new HashMap<>();
        new IterativeLookup(id("1000"), 8, 3, SELF, start, contact -> {
            CompletableFuture<Message> reply = new CompletableFuture<>();
            pending.put(contact.id(), reply);
            return reply;
        }).run();

        for (Contact asked : List.of(first, second, third)) {
            pending.get(asked.id()).complete(new Nodes("r", asked, List.of(names.get(asked.id()))));
        }

        assertEquals(6, pending.size(), "each answer named a nearer node: one query freed, one sent");
        assertFalse(pending.containsKey(contact("0111").id()), "the farthest is not asked while the lookup progresses");
    }

    @Test
    void mustStopAtTheFirstValueFound() {
        NodeId key = id("0110");
        Contact holder = contact("0111");
        Contact other = contact("1111");
        IterativeLookup lookup = new IterativeLookup(key, 3, 1, SELF, List.of(holder, other), contact -> {
            asked.add(contact.id());
            return CompletableFuture.completedFuture(new Value("r", contact, Records.unsigned(key, "\"hello\"")));
        });

        LookupResult result = lookup.run().join();

        assertEquals(Optional.of("\"hello\""), result.value());
        assertEquals(List.of(holder.id()), asked, "the nearest answered with the value; nobody else was asked");
    }

    @Test
    void mustTreatAnUnexpectedReplyAsAFailure() {
        Contact confused = contact("0100");
        IterativeLookup lookup = new IterativeLookup(id("0100"), 3, 3, SELF, List.of(confused),
                contact -> CompletableFuture.completedFuture(new Value("r", contact, Records.unsigned(id("1111"), "x"))));

        LookupResult result = lookup.run().join();

        assertFalse(result.closest().contains(confused));
        assertEquals(Optional.empty(), result.value());
    }
}
