package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.plugin.websocket.WebSocketTransport;
import io.kadmesh.pubsub.ChannelName;
import io.kadmesh.pubsub.PubsubMessage;
import io.kadmesh.testing.RecordFrames;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A browser publishes through the node it is linked to, over a real WebSocket: the node answers with
 * the message's id once it checked it, and then tells the browser, in a {@code published} request,
 * that a root of the channel took it (here the node itself, the only one there is).
 */
@QuarkusTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrowserPublishTest {

    @Inject
    WebSocketTransport websocket;

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    URL root;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("browser-publish-test");

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void aBrowsersMessageIsConfirmedOnceARootTookIt() throws Exception {
        node.start();
        AuthenticatedPeer browser = new AuthenticatedPeer(websocket, scheduler, root.getPort(), true);
        try {
            PubsubMessage message = PubsubMessage.sign(new ChannelName("from-a-page"), browser.identity.recordSigner(),
                    Instant.now().toEpochMilli() * 1000, Instant.now(), "hello from a page");

            JsonNode reply = browser.exchange(browser.frame("service", "p1",
                    ",\"service\":\"pubsub\",\"body\":" + JsonNodeFactory.instance.textNode(publish(message))));
            JsonNode confirmation = browser.next();

            assertEquals("service_reply", reply.path("type").asText(), reply.toString());
            assertEquals(message.id(), RecordFrames.read(reply.path("body").asText()).path("id").asText());
            assertEquals("service", confirmation.path("type").asText(), confirmation.toString());
            JsonNode body = RecordFrames.read(confirmation.path("body").asText());
            assertEquals("published", body.path("op").asText(), body.toString());
            assertEquals(message.id(), body.path("id").asText());
            assertEquals("from-a-page", body.path("channel").asText());
        } finally {
            browser.close();
        }
    }

    /** The browser's {@code publish} request body, the message as the wire carries it. */
    private static String publish(PubsubMessage message) {
        Base64.Encoder base64 = Base64.getEncoder();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("op", "publish");
        body.putObject("message").put("channel", message.channel().value()).put("publisher", message.publisher().toHex())
                .put("publicKey", base64.encodeToString(message.publicKey())).put("seq", message.seq())
                .put("publishedAt", message.publishedAt().toEpochMilli()).put("data", message.data())
                .put("signature", base64.encodeToString(message.signature()));
        return body.toString();
    }
}
