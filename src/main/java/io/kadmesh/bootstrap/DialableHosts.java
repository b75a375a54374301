package io.kadmesh.bootstrap;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hosts a bootstrap may dial to verify a node's advertised address: {@code kadmesh.bootstrap.dialable-hosts}.
 * {@value #SOURCE} stands for the host the registration came from, {@value #ANY} for every host; other
 * entries are compared exactly with the address's host (IP literals in canonical form).
 */
final class DialableHosts {

    /** The entry that allows the registering socket's own host. */
    static final String SOURCE = "source";
    /** The entry that allows every host. */
    static final String ANY = "*";

    private final boolean source;
    private final boolean any;
    private final Set<String> named;

    DialableHosts(List<String> entries) {
        this.source = entries.contains(SOURCE);
        this.any = entries.contains(ANY);
        this.named = entries.stream().filter(entry -> !entry.equals(SOURCE) && !entry.equals(ANY))
                .map(DialableHosts::host).collect(Collectors.toUnmodifiableSet());
    }

    private static String host(String entry) {
        String address = "ws://" + entry;
        if (!PeerAddress.isWellFormed(address) || !PeerAddress.host(address).equals(PeerAddress.host(address + ":1"))) {
            throw new IllegalArgumentException("kadmesh.bootstrap.dialable-hosts: '" + entry + "' is not a host name"
                    + " or IP literal (IPv6 in brackets), nor 'source' or '*'");
        }
        return PeerAddress.host(address);
    }

    /** Whether the bootstrap may dial {@code addressHost} for a node that registered from {@code sourceHost}. */
    boolean allow(String addressHost, String sourceHost) {
        return any || source && addressHost.equals(sourceHost) || named.contains(addressHost);
    }

    /** Why {@code addressHost} is refused, for the error answer. */
    String refusal(String addressHost, String sourceHost) {
        return "registration refused: this bootstrap does not dial " + addressHost + "; it dials only "
                + (source ? "the host a node registers from (" + sourceHost + ")" : "")
                + (source && !named.isEmpty() ? " and " : "") + (named.isEmpty() ? "" : String.join(", ", named))
                + " (kadmesh.bootstrap.dialable-hosts)";
    }
}
