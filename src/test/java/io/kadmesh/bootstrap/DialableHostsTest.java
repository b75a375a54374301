package io.kadmesh.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code kadmesh.bootstrap.dialable-hosts}: which advertised hosts a bootstrap may dial. Hosts reach
 * {@link DialableHosts#allow} as the bootstrap sees them, through {@link PeerAddress#host} of the
 * registered address, so each case here starts from an address a registering node could send.
 */
class DialableHostsTest {

    private static final String SOURCE = "10.1.2.3";
    private static final String PODS = ".kadmesh-nodes.dht.svc.cluster.local";

    private static boolean allows(DialableHosts hosts, String address) {
        return hosts.allow(PeerAddress.host(address), SOURCE);
    }

    @Test
    void sourceAllowsOnlyTheRegisteringHost() {
        DialableHosts hosts = new DialableHosts(List.of("source"));

        assertTrue(allows(hosts, "ws://10.1.2.3:8080/dht"));
        assertFalse(allows(hosts, "ws://10.1.2.4:8080/dht"));
        assertFalse(allows(hosts, "ws://kadmesh-node-0" + PODS + ":8080/dht"));
    }

    @Test
    void aDomainEntryAllowsEveryPodNameBelowIt() {
        DialableHosts hosts = new DialableHosts(List.of(PODS));

        assertTrue(allows(hosts, "ws://kadmesh-node-0" + PODS + ":8080/dht"));
        assertTrue(allows(hosts, "wss://kadmesh-node-14" + PODS + "/dht"));
        assertTrue(allows(hosts, "ws://a.b" + PODS + ":8080/dht"), "deeper names are below the domain too");
    }

    @Test
    void aDomainEntryMustNotMatchASuffixWithoutALabelBoundary() {
        DialableHosts hosts = new DialableHosts(List.of(PODS));

        assertFalse(allows(hosts, "ws://evil-kadmesh-nodes.dht.svc.cluster.local:8080/dht"));
        assertFalse(allows(hosts, "ws://evilkadmesh-nodes.dht.svc.cluster.local:8080/dht"));
    }

    @Test
    void aDomainEntryMustNotMatchTheDomainItself() {
        DialableHosts hosts = new DialableHosts(List.of(PODS));

        assertFalse(allows(hosts, "ws://kadmesh-nodes.dht.svc.cluster.local:8080/dht"));
    }

    @Test
    void aDomainEntryMustNotMatchAnotherDomainEndingInIt() {
        DialableHosts hosts = new DialableHosts(List.of(PODS));

        assertFalse(allows(hosts, "ws://kadmesh-node-0" + PODS + ".evil.example:8080/dht"));
        assertFalse(allows(hosts, "ws://kadmesh-node-0.kadmesh-nodes.other.svc.cluster.local:8080/dht"));
    }

    @Test
    void aDomainEntryMatchesWhateverTheCaseOfEntryAndHost() {
        DialableHosts lower = new DialableHosts(List.of(PODS));
        DialableHosts upper = new DialableHosts(List.of(".KADMESH-NODES.Dht.svc.cluster.local"));

        assertTrue(allows(lower, "ws://Kadmesh-Node-0.KADMESH-NODES.DHT.SVC.CLUSTER.LOCAL:8080/dht"));
        assertTrue(allows(upper, "ws://kadmesh-node-0" + PODS + ":8080/dht"));
    }

    @Test
    void aHostWithATrailingDotOrAnEmptyLabelMustNotMatch() {
        DialableHosts hosts = new DialableHosts(List.of(PODS));

        assertFalse(allows(hosts, "ws://kadmesh-node-0" + PODS + ".:8080/dht"));
        assertFalse(hosts.allow("kadmesh-node-0." + PODS, SOURCE), "an empty label before the domain");
        assertFalse(hosts.allow(PODS, SOURCE), "the domain with its dot, no label before it");
    }

    @Test
    void anIpLiteralMustNeverMatchADomainEntry() {
        DialableHosts hosts = new DialableHosts(List.of(PODS, ".example"));

        assertFalse(allows(hosts, "ws://10.1.2.3:8080/dht"), "not even the source host");
        assertFalse(allows(hosts, "ws://[::ffff:4.3.2.1]:8080/dht"));
        for (String entry : List.of(".3.2.1", ".0.1", ".10.0.0.1", ".[::1]")) {
            assertThrows(IllegalArgumentException.class, () -> new DialableHosts(List.of(entry)),
                    entry + " would let IP literals match");
        }
    }

    @Test
    void aDomainEntryLeavesSourceAndExactEntriesWorking() {
        DialableHosts hosts = new DialableHosts(List.of("source", PODS, "boot.example"));

        assertTrue(allows(hosts, "ws://10.1.2.3:8080/dht"));
        assertTrue(allows(hosts, "ws://boot.example:8080/dht"));
        assertFalse(allows(hosts, "ws://x.boot.example:8080/dht"), "an exact entry allows no names below it");
        assertTrue(allows(hosts, "ws://kadmesh-node-1" + PODS + ":8080/dht"));
    }

    @Test
    void malformedDomainEntriesAreRefusedNamingTheKey() {
        for (String entry : List.of(".", "..kadmesh-nodes.dht", PODS + ".", ".evil:80", "evil:80", ".a b")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new DialableHosts(List.of(entry)), entry);
            assertTrue(refused.getMessage().contains("kadmesh.bootstrap.dialable-hosts"), refused.getMessage());
        }
    }

    @Test
    void theRefusalNamesTheDomainsAllowed() {
        DialableHosts hosts = new DialableHosts(List.of("source", PODS));

        String refusal = hosts.refusal("evil.example", SOURCE);

        assertTrue(refusal.contains("*" + PODS), refusal);
        assertTrue(refusal.contains(SOURCE), refusal);
    }
}
