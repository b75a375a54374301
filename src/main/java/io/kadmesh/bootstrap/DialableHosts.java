package io.kadmesh.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.kadmesh.wire.IpLiteral;

/**
 * The hosts a bootstrap may dial to verify a node's advertised address: {@code kadmesh.bootstrap.dialable-hosts}.
 * {@value #SOURCE} stands for the host the registration came from, {@value #ANY} for every host; an entry
 * starting with a dot (a domain suffix, e.g. {@code .kadmesh-nodes.dht.svc.cluster.local}, the pod names of
 * a Kubernetes headless Service) allows every host name below that domain; other entries are compared
 * exactly with the address's host (IP literals in canonical form).
 */
final class DialableHosts {

    /** The entry that allows the registering socket's own host. */
    static final String SOURCE = "source";
    /** The entry that allows every host. */
    static final String ANY = "*";

    private final boolean source;
    private final boolean any;
    private final Set<String> named;
    private final Set<String> domains;

    DialableHosts(List<String> entries) {
        this.source = entries.contains(SOURCE);
        this.any = entries.contains(ANY);
        this.named = entries.stream().filter(entry -> !isKeyword(entry) && !entry.startsWith("."))
                .map(DialableHosts::host).collect(Collectors.toUnmodifiableSet());
        this.domains = entries.stream().filter(entry -> entry.startsWith(".")).map(DialableHosts::domain)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static boolean isKeyword(String entry) {
        return entry.equals(SOURCE) || entry.equals(ANY);
    }

    private static String host(String entry) {
        String address = "ws://" + entry;
        if (!PeerAddress.isWellFormed(address) || !PeerAddress.isWellFormed(address + ":1")
                || !PeerAddress.host(address).equals(PeerAddress.host(address + ":1"))) {
            throw new IllegalArgumentException("kadmesh.bootstrap.dialable-hosts: '" + entry + "' is not a host name"
                    + " or IP literal (IPv6 in brackets), a domain starting with '.', nor 'source' or '*'");
        }
        return PeerAddress.host(address);
    }

    /** A suffix entry as {@code .domain}, lower case; the domain must be a host name, not an IP literal. */
    private static String domain(String entry) {
        String name = entry.substring(1);
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.startsWith("[")
                || IpLiteral.canonical(name).isPresent()) {
            throw new IllegalArgumentException("kadmesh.bootstrap.dialable-hosts: '" + entry + "' is not a domain"
                    + " suffix: after its leading '.' comes a host name, e.g. '.kadmesh-nodes.dht.svc.cluster.local'");
        }
        return "." + host(name);
    }

    /** Whether the bootstrap may dial {@code addressHost} for a node that registered from {@code sourceHost}. */
    boolean allow(String addressHost, String sourceHost) {
        return any || source && addressHost.equals(sourceHost) || named.contains(addressHost)
                || isBelowADomain(addressHost);
    }

    /**
     * Whether {@code host} (lower case, as {@link PeerAddress#host} gives it) is a name at least one label
     * below one of the domain entries: the suffix must start at a label boundary, the labels before it must be
     * non-empty, and an IP literal or a name with a trailing dot never matches.
     */
    private boolean isBelowADomain(String host) {
        if (domains.isEmpty() || host.endsWith(".") || host.contains(":") || IpLiteral.canonical(host).isPresent()) {
            return false;
        }
        return domains.stream().anyMatch(domain -> host.length() > domain.length() && host.endsWith(domain)
                && !host.startsWith(".") && host.charAt(host.length() - domain.length() - 1) != '.');
    }

    /** Why {@code addressHost} is refused, for the error answer. */
    String refusal(String addressHost, String sourceHost) {
        List<String> allowed = new ArrayList<>(named.stream().sorted().toList());
        domains.stream().sorted().map(domain -> "*" + domain).forEach(allowed::add);
        return "registration refused: this bootstrap does not dial " + addressHost + "; it dials only "
                + (source ? "the host a node registers from (" + sourceHost + ")" : "")
                + (source && !allowed.isEmpty() ? " and " : "") + String.join(", ", allowed)
                + " (kadmesh.bootstrap.dialable-hosts)";
    }
}
