package io.kadmesh.dht.rpc;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.kadmesh.dht.NodeId;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;

/**
 * A test transport that stamps every link with the id registered for its far address, as an
 * authenticating transport would after its handshake.
 */
final class AuthenticatingTransport implements Transport {

    private final Transport inner;
    private final Map<String, NodeId> ids;
    private final Map<PeerLink, Stamped> stamped = new IdentityHashMap<>();

    AuthenticatingTransport(Transport inner, Map<String, NodeId> ids) {
        this.inner = inner;
        this.ids = ids;
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public boolean supports(String address) {
        return inner.supports(address);
    }

    @Override
    public void listen(LinkHandler handler) {
        inner.listen(stamping(handler));
    }

    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        return inner.dial(address, stamping(handler)).thenApply(this::stamp);
    }

    @Override
    public void close() {
        inner.close();
    }

    private PeerLink stamp(PeerLink link) {
        return stamped.computeIfAbsent(link, Stamped::new);
    }

    private LinkHandler stamping(LinkHandler handler) {
        return new LinkHandler() {
            @Override
            public void onOpen(PeerLink link) {
                handler.onOpen(stamp(link));
            }

            @Override
            public void onFrame(PeerLink link, String frame) {
                handler.onFrame(stamp(link), frame);
            }

            @Override
            public void onClose(PeerLink link, int code, String reason) {
                handler.onClose(stamp(link), code, reason);
            }
        };
    }

    /** A link that knows its peer's id. */
    private final class Stamped implements PeerLink {
        private final PeerLink link;

        Stamped(PeerLink link) {
            this.link = link;
        }

        @Override
        public Optional<String> peerId() {
            return Optional.ofNullable(ids.get(link.remoteAddress())).map(NodeId::toHex);
        }

        @Override
        public String transportId() {
            return link.transportId();
        }

        @Override
        public String remoteAddress() {
            return link.remoteAddress();
        }

        @Override
        public Direction direction() {
            return link.direction();
        }

        @Override
        public CompletionStage<Void> send(String frame) {
            return link.send(frame);
        }

        @Override
        public boolean isOpen() {
            return link.isOpen();
        }

        @Override
        public void close(int code, String reason) {
            link.close(code, reason);
        }
    }
}
