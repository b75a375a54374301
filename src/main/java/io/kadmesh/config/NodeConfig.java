package io.kadmesh.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The node's startup settings, under {@code kadmesh.}. Documented in {@code docs/config.md}. */
@ConfigMapping(prefix = "kadmesh")
public interface NodeConfig {

    /** What this process is in the network. */
    enum Role {
        /** A DHT node. */
        NODE,
        /** A DHT node that also serves {@code /bootstrap} for onboarding newcomers. */
        BOOTSTRAP
    }

    /**
     * Whether {@code kadmesh serve} runs a DHT node; off only in tests of single components, where
     * the HTTP server runs without one (readiness then reports DOWN and says why).
     */
    @WithName("node.enabled")
    @WithDefault("true")
    boolean enabled();

    /** {@code node} or {@code bootstrap}. */
    @WithDefault("node")
    Role role();

    /**
     * Whether {@code kadmesh serve} ends the process, with exit code 0, as soon as the node has started:
     * for a run that only records the classes a start loads ({@code bin/kadmesh archive-classes}).
     */
    @WithDefault("false")
    boolean exitAfterStart();

    /**
     * The WebSocket URL peers reach this node at, e.g. {@code ws://10.0.0.5:8080/dht}; distinct from
     * the bind address so that clients inside and outside a cluster can reach it. Defaults to
     * {@code ws://127.0.0.1:<http port>/dht}.
     */
    Optional<String> advertisedUrl();

    /**
     * The settings profile this node starts with, until a commit of the config repository chooses one
     * (live; see {@code config-repo/README.md}). {@code default} is no profile.
     */
    @WithDefault("default")
    String profile();

    /** The Git repository the live settings come from. */
    ConfigRepoConfig configRepo();

    /** Metrics. */
    MetricsConfig metrics();

    /** Onboarding. */
    Bootstrap bootstrap();

    /** Stopping the node. */
    Shutdown shutdown();

    /** The node's key pair. */
    Identity identity();

    /** How many links the node keeps open. */
    Connections connections();

    /** Limits on inbound links and handshakes, which keep a flood of sockets from exhausting the node. */
    Inbound inbound();

    /** Protocol timing. */
    Dht dht();

    /** Guards the node wraps around every transport plugin. */
    Guard guard();

    /** The byte budgets of the node's record store. */
    Storage storage();

    /** Pubsub channels. */
    Pubsub pubsub();

    /** The REST API. */
    Api api();

    /** REST API settings. */
    interface Api {
        /**
         * The bearer token REST writes must carry ({@code Authorization: Bearer <token>}). Required when
         * the HTTP server listens beyond loopback ({@code quarkus.http.host} not a loopback address): the
         * node then refuses to start without one. When set, writes need it on loopback too.
         */
        Optional<String> token();
    }

    /** Onboarding settings. */
    interface Bootstrap {
        /**
         * Bootstrap endpoints to register with, tried in turn, e.g. {@code ws://boot:8080/bootstrap}. An
         * entry may pin the bootstrap's node id after a {@code #}
         * ({@code ws://boot:8080/bootstrap#<40 hex digits>}): the node then accepts only a bootstrap that
         * proves that id. Without a pin it accepts whichever id the bootstrap proves.
         */
        Optional<List<String>> urls();

        /**
         * On a bootstrap: most nodes registered at once. A full registry drops an unverified entry, else
         * the longest silent one, to make room for a newcomer.
         */
        @WithDefault("10000")
        int registryCapacity();

        /**
         * On a bootstrap: most nodes registered at once from one source address. The default lets a
         * loopback test network (every node registers from 127.0.0.1) of up to 64 nodes register.
         */
        @WithDefault("64")
        int registrationsPerSource();

        /**
         * On a bootstrap: the hosts it may dial to verify a node's advertised {@code /dht} address.
         * {@code source} stands for the host the registration came from; an entry starting with a dot,
         * e.g. {@code .kadmesh-nodes.dht.svc.cluster.local}, allows every host name below that domain (at a
         * label boundary; never the domain itself, a name with a trailing dot or an IP literal); other
         * entries are host names or IP literals, compared exactly, and {@code *} allows any host. A
         * registration whose address names another host is refused.
         */
        @WithDefault("source")
        List<String> dialableHosts();

        /** Wait before the first retry when every bootstrap failed; doubles up to the maximum. */
        @WithDefault("250ms")
        Duration initialBackoff();

        /** Longest wait between two rounds of registration attempts. */
        @WithDefault("15s")
        Duration maxBackoff();

        /** How often a joined node reports its state to the bootstrap (what network health shows). */
        @WithDefault("5s")
        Duration heartbeat();
    }

    /** Shutdown settings. */
    interface Shutdown {
        /**
         * Longest time stopping the node may take: telling the bootstraps it leaves, failing pending
         * requests, closing every link with 1001 and ending its event loop. Past it, whatever is left
         * is abandoned and the process goes on stopping.
         */
        @WithDefault("5s")
        Duration timeout();
    }

    /** Identity settings. */
    interface Identity {
        /** File holding the node's Ed25519 key pair; created on first start, kept across restarts. */
        @WithDefault("kadmesh-node.key")
        String keyFile();

        /**
         * Longest time the hello handshake of a new link may take, from the link's opening; for a
         * dialed link it runs within {@code kadmesh.guard.dial-timeout}, after the transport's phases.
         */
        @WithDefault("5s")
        Duration handshakeTimeout();
    }

    /**
     * Inbound limits. A link beyond one is closed at once with close code 1013 and a reason naming the
     * limit; the links already open keep being served.
     */
    interface Inbound {
        /** Most inbound links open at once, verified or still in their handshake. */
        @WithDefault("256")
        int maxLinks();

        /**
         * Most inbound links still in their hello handshake at once. A link that never finishes it is
         * closed after {@code kadmesh.identity.handshake-timeout}.
         */
        @WithDefault("128")
        int maxHandshakes();

        /**
         * Most inbound links still in their hello handshake at once from one source host. Only links in
         * their handshake count, not verified ones: every node of a network on one machine shares the
         * loopback address, and the default leaves room for 32 such nodes dialing at once, twice over.
         */
        @WithDefault("64")
        int maxHandshakesPerSource();
    }

    /** Connection targets. */
    interface Connections {
        /** Fewest open links a ready node holds; below it the node dials its closest contacts. */
        @WithDefault("3")
        int min();

        /**
         * Most open links a node keeps. Beyond it, links with nothing in flight are closed: idle ones,
         * and inbound ones their peers keep busy; peers outside the routing table first, then the newest
         * links, then the farthest peers.
         */
        @WithDefault("8")
        int max();

        /**
         * When the node holds more than the maximum, a link open this long may be closed: if unused this
         * long too, or if its peer dialed it.
         */
        @WithDefault("2s")
        Duration idleBeforeTrim();

        /** How often the node checks its link count against min and max. */
        @WithDefault("1s")
        Duration checkInterval();
    }

    /** Protocol timing. */
    interface Dht {
        /** How long a request waits for its response. */
        @WithDefault("2s")
        Duration rpcTimeout();

        /**
         * How many requests of one lookup are in flight at once (the paper's alpha); at least 1, at most
         * k (20).
         */
        @WithDefault("3")
        int alpha();

        /**
         * Liveness: every half of this interval, the contacts silent for half of it are pinged (at most
         * 64 a round, silent longest first; replacements waiting in a bucket's cache included), and one
         * whose address cannot be reached leaves the table;
         * so a dead contact leaves within this interval plus the RPC timeout.
         */
        @WithDefault("30s")
        Duration pingInterval();

        /** A bucket not looked up for this long is refreshed. */
        @WithDefault("15m")
        Duration refreshInterval();

        /** How often expired records are dropped. */
        @WithDefault("5m")
        Duration staleCleanupInterval();

        /**
         * {@code find-node-rate-limit}: find_node and find_value requests one link may send per second,
         * on average, with a burst of one second's worth; beyond, they are answered {@code rate_limited}.
         */
        @WithDefault("500")
        int findNodeRateLimit();

        /**
         * {@code request-rate-limit}: requests of any type one link may send per second, on average, with
         * a burst of one second's worth; beyond, they are answered {@code rate_limited}.
         */
        @WithDefault("2000")
        int requestRateLimit();

        /**
         * {@code max-queued-frames}: frames of one link that may wait for the node's event loop; a frame
         * beyond is answered {@code rate_limited} at once, unread, so one link cannot crowd out the others.
         */
        @WithDefault("64")
        int maxQueuedFrames();
    }

    /**
     * The guard the node puts around every transport plugin, per peer: keyed by the peer's node id
     * when the dialer knows it, else by the address.
     */
    interface Guard {
        /**
         * The one dial deadline: the longest one dial attempt may take until the link is usable, the
         * transport's connect, TLS and upgrade and then the hello handshake included. Each transport's
         * own phase deadlines plus {@code kadmesh.identity.handshake-timeout} must be shorter (the node
         * refuses to start otherwise), so that a stalled phase fails as itself before this fires.
         */
        @WithDefault("12s")
        Duration dialTimeout();

        /**
         * Extra dial attempts after a connect or DNS failure, with exponential backoff and jitter; TLS,
         * upgrade and handshake failures are never retried.
         */
        @WithDefault("2")
        int dialRetries();

        /** First backoff between dial attempts. */
        @WithDefault("100ms")
        Duration dialBackoff();

        /** Dials to one peer that may be under way at once; more are rejected. */
        @WithDefault("2")
        int dialsPerPeer();

        /** Failed dials in a row (out of the last four) that open a peer's circuit breaker. */
        @WithDefault("4")
        int breakerVolume();

        /** How long an open breaker refuses dials to its peer before trying again. */
        @WithDefault("5s")
        Duration breakerDelay();
    }

    /**
     * The byte budgets of the record store, counted as two bytes per character of a value plus 512
     * bytes per record (its key, ids, public key, signature and the objects holding them). A store
     * that would break a budget is refused with an error naming it; reads go on.
     */
    interface Storage {
        /**
         * Most bytes of records the node holds, its own publications included. The default keeps the
         * store at a tenth of the node's 80 MB memory target.
         */
        @WithDefault("8M")
        MemorySize maxBytes();

        /**
         * Most bytes held for one sender: the authenticated peer whose stores brought the records (the
         * node itself for its own publications, so REST writes count here too). The default needs eight
         * senders to fill the store, and holds eight values of the largest size.
         */
        @WithDefault("1M")
        MemorySize maxBytesPerSender();

        /** Most bytes held for one publisher, whoever brought its records. */
        @WithDefault("1M")
        MemorySize maxBytesPerPublisher();
    }

    /** Pubsub channels (docs/pubsub.md). */
    interface Pubsub {
        /**
         * Most nodes this node sends one message to itself, from 2 to 16. A channel root with more
         * member nodes sends to this many, each of which passes the message on to its share of the
         * rest: a tree of this degree. Smaller trees hold fewer links at a root and add a hop sooner.
         * A root takes at most this many times 257 member nodes for a channel.
         */
        @WithName("fan-out")
        @WithDefault("16")
        int fanOut();
    }
}
