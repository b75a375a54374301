package io.kadmesh.pubsub;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.dht.node.ServiceRefusedException;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.rpc.RpcException;
import io.kadmesh.spi.transport.Failures;

/**
 * A browser's part of pubsub, carried out by the node it is linked to: it subscribes as one of the
 * node's local subscribers, its messages are delivered to it over its link, and the node publishes
 * the messages the browser signed.
 */
final class BrowserMembers {

    private BrowserMembers() {
    }

    /**
     * The browser subscribes; once this node is a member at the channel's roots, it tells the browser
     * with a {@code subscribed} request naming how many roots took the subscription.
     */
    static String subscribe(Pubsub pubsub, Contact browser, PubsubFrames.Request request) {
        ChannelName channel = request.channel();
        String since = request.since();
        BrowserSubscriber subscriber = new BrowserSubscriber(pubsub.dht(), browser);
        Pubsub.drop(pubsub.topic(channel), subscriber);
        pubsub.subscribe(channel, subscriber, since).whenComplete((roots, failure) -> pubsub.dht().call(browser,
                PubsubFrames.SERVICE, PubsubFrames.subscribed(channel, roots == null ? 0 : roots)));
        return PubsubFrames.ok();
    }

    static String unsubscribe(Pubsub pubsub, Contact browser, PubsubFrames.Request request) {
        pubsub.unsubscribe(request.channel(), new BrowserSubscriber(pubsub.dht(), browser));
        return PubsubFrames.ok();
    }

    /**
     * The browser publishes a message it signed: this node checks it and answers with its id, then hands
     * it to the channel's roots, and tells the browser with a {@code published} request once a root took
     * it, or a {@code publish_failed} saying why none did. The browser counts its message published only
     * then: this node's own answer would leave it lost, should the node fail before a root has it.
     */
    static String publish(Pubsub pubsub, Contact browser, PubsubFrames.Request request) {
        PubsubMessage message = request.message();
        if (!message.publisher().equals(browser.id())) {
            throw new ServiceRefusedException(ErrorCode.REFUSED, "a browser publishes its own messages: publisher "
                    + message.publisher() + " is not " + browser.id());
        }
        pubsub.refuseIfUnsound(message);
        Topic topic = pubsub.topic(message.channel());
        pubsub.checkRate(topic, message.publisher());
        pubsub.toRoots(topic, message, true).whenComplete((id, failure) -> pubsub.dht().call(browser,
                PubsubFrames.SERVICE, failure == null ? PubsubFrames.publishConfirmed(message.channel(), id)
                        : PubsubFrames.publishFailed(message.channel(), message.id(), Failures.message(failure))));
        return PubsubFrames.published(message.id());
    }

    /**
     * A browser subscribed through this node: its deliveries go over its link while it has one, and it
     * is dropped when it has none, or failed to answer {@value #MAX_FAILED_DELIVERIES} deliveries in a
     * row (it subscribes again, through another node if need be).
     */
    private static final class BrowserSubscriber implements Subscriber {

        /** Deliveries in a row a browser may fail to answer, its link still open, before it is dropped. */
        private static final int MAX_FAILED_DELIVERIES = 3;

        private final DhtNode dht;
        private final Contact browser;
        private final AtomicBoolean linked = new AtomicBoolean(true);
        private final AtomicInteger failures = new AtomicInteger();

        BrowserSubscriber(DhtNode dht, Contact browser) {
            this.dht = dht;
            this.browser = browser;
        }

        @Override
        public boolean deliver(PubsubMessage message) {
            if (linked.get()) {
                dht.call(browser, PubsubFrames.SERVICE, PubsubFrames.delivery(message, java.util.List.of()))
                        .whenComplete((ok, failure) -> {
                            if (failure == null) {
                                failures.set(0);
                            } else if (RpcException.is(failure, RpcException.Kind.UNREACHABLE)
                                    || failures.incrementAndGet() >= MAX_FAILED_DELIVERIES) {
                                linked.set(false);
                            }
                        });
            }
            return linked.get();
        }

        @Override
        public boolean isGone() {
            return !linked.get();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BrowserSubscriber subscriber && subscriber.browser.id().equals(browser.id());
        }

        @Override
        public int hashCode() {
            return browser.id().hashCode();
        }
    }
}
