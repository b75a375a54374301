package io.kadmesh.dht.rpc;

/**
 * What went over one link so far.
 *
 * @param bytesIn bytes of the frames received, as UTF-8 on the wire
 * @param bytesOut bytes of the frames sent, as UTF-8 on the wire
 * @param firstSeenMillis when the link was first seen, in the clock's milliseconds
 * @param lastActiveMillis when a frame last went either way, in the clock's milliseconds; when the
 *        link was first seen before that
 */
record LinkTraffic(long bytesIn, long bytesOut, long firstSeenMillis, long lastActiveMillis) {

    /** No traffic yet on a link first seen at {@code nowMillis}. */
    static LinkTraffic none(long nowMillis) {
        return new LinkTraffic(0, 0, nowMillis, nowMillis);
    }

    LinkTraffic received(long bytes, long nowMillis) {
        return new LinkTraffic(bytesIn + bytes, bytesOut, firstSeenMillis, nowMillis);
    }

    LinkTraffic sent(long bytes, long nowMillis) {
        return new LinkTraffic(bytesIn, bytesOut + bytes, firstSeenMillis, nowMillis);
    }
}
