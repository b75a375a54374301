package io.kadmesh.dht.node;

import java.util.Objects;

import io.kadmesh.dht.protocol.AddressSyntax;
import io.kadmesh.dht.rpc.FloodLimits;
import io.kadmesh.dht.rpc.RpcObserver;
import io.kadmesh.dht.storage.RecordSigner;
import io.kadmesh.dht.storage.StorageLimits;

/**
 * What a {@link DhtNode} is given beyond its contact, parameters and transport: the key it signs its
 * publications with and the limits that keep peers from exhausting it.
 *
 * @param signer signs the node's publications; the node's own key, so that they name its id
 * @param storage the byte budgets of the node's record store
 * @param flood the per-link request rates and queue bound
 * @param addresses the contact addresses the node accepts in frames
 * @param observer hears every frame, link and request of the node's endpoint (the node layer's metrics)
 */
public record NodeOptions(RecordSigner signer, StorageLimits storage, FloodLimits flood, AddressSyntax addresses,
        RpcObserver observer) {

    public NodeOptions {
        Objects.requireNonNull(signer, "signer must be set");
        Objects.requireNonNull(storage, "storage must be set");
        Objects.requireNonNull(flood, "flood must be set");
        Objects.requireNonNull(addresses, "addresses must be set");
        Objects.requireNonNull(observer, "observer must be set");
    }

    /** Options whose endpoint nobody observes. */
    public NodeOptions(RecordSigner signer, StorageLimits storage, FloodLimits flood, AddressSyntax addresses) {
        this(signer, storage, flood, addresses, RpcObserver.NONE);
    }

    /** A fresh key of its own, the default limits and WebSocket URLs: for simulations and tests. */
    public static NodeOptions defaults() {
        return new NodeOptions(RecordSigner.generate(), StorageLimits.DEFAULTS, FloodLimits.DEFAULTS,
                AddressSyntax.webSocket());
    }

    /** These options, accepting the contact addresses {@code addresses} accepts instead. */
    public NodeOptions withAddresses(AddressSyntax addresses) {
        return new NodeOptions(signer, storage, flood, addresses, observer);
    }

    /** These options, with {@code observer} hearing the node's endpoint. */
    public NodeOptions withObserver(RpcObserver observer) {
        return new NodeOptions(signer, storage, flood, addresses, observer);
    }
}
