package io.kadmesh.dht.rpc;

/**
 * A token bucket: {@code perSecond} tokens a second, at most {@code perSecond} kept, so a burst of one
 * second's worth passes and a steady rate above {@code perSecond} does not. Times are the caller's
 * clock in milliseconds; not thread-safe.
 */
public final class TokenBucket {

    private final int perSecond;
    private double tokens;
    private long lastMillis;

    public TokenBucket(int perSecond, long nowMillis) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.lastMillis = nowMillis;
    }

    /** Takes a token if there is one; returns whether there was. */
    public boolean take(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(perSecond, tokens + (nowMillis - lastMillis) * perSecond / 1000.0);
            lastMillis = nowMillis;
        }
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
