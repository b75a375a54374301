package io.kadmesh.dht.node;

import java.util.Objects;

import io.kadmesh.dht.rpc.FloodLimits;
import io.kadmesh.dht.storage.RecordSigner;
import io.kadmesh.dht.storage.StorageLimits;

/**
 * What a {@link DhtNode} is given beyond its contact, parameters and transport: the key it signs its
 * publications with and the limits that keep peers from exhausting it.
 *
 * @param signer signs the node's publications; the node's own key, so that they name its id
 * @param storage the byte budgets of the node's record store
 * @param flood the per-link request rates and queue bound
 */
public record NodeOptions(RecordSigner signer, StorageLimits storage, FloodLimits flood) {

    public NodeOptions {
        Objects.requireNonNull(signer, "signer must be set");
        Objects.requireNonNull(storage, "storage must be set");
        Objects.requireNonNull(flood, "flood must be set");
    }

    /** A fresh key of its own and the default limits: for simulations and tests. */
    public static NodeOptions defaults() {
        return new NodeOptions(RecordSigner.generate(), StorageLimits.DEFAULTS, FloodLimits.DEFAULTS);
    }
}
