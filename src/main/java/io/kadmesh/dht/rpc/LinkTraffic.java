package io.kadmesh.dht.rpc;

/**
 * What went over one link so far.
 *
 * @param bytesIn bytes of the frames received, as UTF-8 on the wire
 * @param bytesOut bytes of the frames sent, as UTF-8 on the wire
 * @param firstSeenMillis when the link was first seen, in the clock's milliseconds
 * @param lastActiveMillis when a frame last went either way, in the clock's milliseconds; when the
 *        link was first seen before that
 * @param lastRequestMillis when this node last sent a request of its own on the link, in the clock's
 *        milliseconds; {@link #NEVER} before the first
 */
record LinkTraffic(long bytesIn, long bytesOut, long firstSeenMillis, long lastActiveMillis, long lastRequestMillis) {

    /** The {@code lastRequestMillis} of a link this node has sent no request on. */
    static final long NEVER = Long.MIN_VALUE;

    /** No traffic yet on a link first seen at {@code nowMillis}. */
    static LinkTraffic none(long nowMillis) {
        return new LinkTraffic(0, 0, nowMillis, nowMillis, NEVER);
    }

    LinkTraffic received(long bytes, long nowMillis) {
        return new LinkTraffic(bytesIn + bytes, bytesOut, firstSeenMillis, nowMillis, lastRequestMillis);
    }

    /** A frame sent at {@code nowMillis}: a request of this node's own, or an answer to the peer's. */
    LinkTraffic sent(long bytes, long nowMillis, boolean request) {
        return new LinkTraffic(bytesIn, bytesOut + bytes, firstSeenMillis, nowMillis,
                request ? nowMillis : lastRequestMillis);
    }

    /** Whether this node sent a request of its own on the link within {@code millis} before {@code nowMillis}. */
    boolean requestedWithin(long millis, long nowMillis) {
        return lastRequestMillis != NEVER && nowMillis - lastRequestMillis < millis;
    }
}
