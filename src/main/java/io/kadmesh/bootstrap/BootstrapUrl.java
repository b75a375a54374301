package io.kadmesh.bootstrap;

import java.util.Optional;

import io.kadmesh.dht.NodeId;

/**
 * One entry of {@code kadmesh.bootstrap.urls}: the {@code /bootstrap} URL to dial and, when the entry
 * ends in {@code #<40 hex digits>}, the id the bootstrap there must prove. The fragment is never sent.
 *
 * @param address what is dialed: the entry without its fragment
 * @param pinnedId the id the bootstrap must prove, or empty to accept whichever id it proves
 */
public record BootstrapUrl(String address, Optional<NodeId> pinnedId) {

    /** Parses an entry; throws {@link IllegalArgumentException} naming the setting when the pin is malformed. */
    public static BootstrapUrl parse(String entry) {
        int hash = entry.indexOf('#');
        if (hash < 0) {
            return new BootstrapUrl(entry, Optional.empty());
        }
        String pin = entry.substring(hash + 1);
        if (!NodeId.isHex(pin)) {
            throw new IllegalArgumentException("kadmesh.bootstrap.urls: '" + entry + "' ends in '#" + pin
                    + "', which is not a node id; pin a bootstrap with '#' and its 40 hex digit id, or drop the '#'");
        }
        return new BootstrapUrl(entry.substring(0, hash), Optional.of(NodeId.fromHex(pin)));
    }

    /** The entry as configured, the pin included. */
    @Override
    public String toString() {
        return address + pinnedId.map(id -> "#" + id.toHex()).orElse("");
    }
}
