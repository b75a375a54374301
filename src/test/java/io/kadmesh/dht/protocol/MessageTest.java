package io.kadmesh.dht.protocol;

import static io.kadmesh.dht.protocol.SampleMessages.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;

class MessageTest {

    @Test
    void mustNameEachTypeAsOnTheWireAndMarkOnlyTheFourRpcsAndServiceRequestsAsRequests() {
        List<String> types = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        for (Message message : oneOfEach()) {
            types.add(message.type());
            if (message instanceof Request) {
                requests.add(message.type());
            }
        }
        assertEquals(List.of("ping", "pong", "find_node", "nodes", "find_value", "value", "store", "stored", "service",
                "service_reply", "error"), types);
        assertEquals(List.of("ping", "find_node", "find_value", "store", "service"), requests);
    }

    @Test
    void mustAcceptOnlyWellFormedRequestIds() {
        assertTrue(Message.isRequestId("a"));
        assertTrue(Message.isRequestId("AZaz09_-"));
        assertTrue(Message.isRequestId("x".repeat(64)));
        assertFalse(Message.isRequestId(null));
        assertFalse(Message.isRequestId(""));
        assertFalse(Message.isRequestId("x".repeat(65)));
        assertFalse(Message.isRequestId("a.b"));
        assertFalse(Message.isRequestId("\u00e9"));
    }

    @Test
    void mustRejectABadRequestIdNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Ping("a b", ALICE));
        assertEquals("requestId must be 1..64 characters of A-Z, a-z, 0-9, '_' and '-', got 'a b'", e.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> new Stored("x".repeat(100), ALICE));
        assertTrue(tooLong.getMessage().endsWith("got 100 characters"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Pong(null, ALICE));
    }

    @Test
    void mustRejectMissingComponentsNamingThem() {
        assertEquals("sender must be set", assertThrows(NullPointerException.class, () -> new Ping("a1", null)).getMessage());
        assertEquals("target must be set",
                assertThrows(NullPointerException.class, () -> new FindNode("a1", ALICE, null)).getMessage());
        assertEquals("key must be set",
                assertThrows(NullPointerException.class, () -> new FindValue("a1", ALICE, null)).getMessage());
        assertEquals("record must be set",
                assertThrows(NullPointerException.class, () -> new Store("a1", ALICE, null)).getMessage());
        assertEquals("code must be set",
                assertThrows(NullPointerException.class, () -> new ErrorReply("a1", ALICE, null, "m")).getMessage());
        assertEquals("nodes[1] must be set", assertThrows(NullPointerException.class,
                () -> new Nodes("a1", ALICE, Arrays.asList(BOB, null))).getMessage());
    }

    @Test
    void mustKeepAnUnmodifiableCopyOfTheNodesList() {
        List<Contact> contacts = new ArrayList<>(List.of(ALICE));
        Nodes nodes = new Nodes("a1", BOB, contacts);
        contacts.add(BOB);
        assertEquals(List.of(ALICE), nodes.nodes());
        assertThrows(UnsupportedOperationException.class, () -> nodes.nodes().add(BOB));
    }

    @Test
    void mustRejectMoreNodesThanTheLimit() {
        assertEquals(64, new Nodes("a1", BOB, contacts(64)).nodes().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Nodes("a1", BOB, contacts(65)));
        assertEquals("nodes must hold at most 64 contacts, got 65", e.getMessage());
    }

    @Test
    void mustAllowAnErrorReplyWithoutRequestId() {
        assertNull(new ErrorReply(null, ALICE, ErrorCode.MALFORMED, "m").requestId());
        assertThrows(IllegalArgumentException.class, () -> new ErrorReply("", ALICE, ErrorCode.MALFORMED, "m"));
    }

    @Test
    void mustMapErrorCodesToLowercaseWireNamesAndBack() {
        assertEquals("unknown_type", ErrorCode.UNKNOWN_TYPE.wireName());
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(Optional.of(code), ErrorCode.fromWireName(code.wireName()));
        }
        assertEquals(Optional.empty(), ErrorCode.fromWireName("MALFORMED"));
        assertEquals(Optional.empty(), ErrorCode.fromWireName(null));
    }
}
