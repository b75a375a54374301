package io.kadmesh.transport;

import java.time.Duration;

import io.kadmesh.config.NodeConfig;

/** Guard settings for tests, changed one at a time from quick, permissive ones. */
record GuardSettings(Duration dialTimeout, int dialRetries, Duration dialBackoff, int dialsPerPeer,
        int breakerVolume, Duration breakerDelay) implements NodeConfig.Guard {

    /** Ten seconds per dial, no retries, two dials per peer, a breaker that opens only after 100 failures. */
    static final GuardSettings QUICK = new GuardSettings(Duration.ofSeconds(10), 0, Duration.ofMillis(1), 2, 100,
            Duration.ofMinutes(1));

    GuardSettings withDialTimeout(Duration timeout) {
        return new GuardSettings(timeout, dialRetries, dialBackoff, dialsPerPeer, breakerVolume, breakerDelay);
    }

    GuardSettings withRetries(int retries) {
        return new GuardSettings(dialTimeout, retries, dialBackoff, dialsPerPeer, breakerVolume, breakerDelay);
    }

    GuardSettings withDialsPerPeer(int dials) {
        return new GuardSettings(dialTimeout, dialRetries, dialBackoff, dials, breakerVolume, breakerDelay);
    }

    GuardSettings withBreaker(int volume, Duration delay) {
        return new GuardSettings(dialTimeout, dialRetries, dialBackoff, dialsPerPeer, volume, delay);
    }
}
