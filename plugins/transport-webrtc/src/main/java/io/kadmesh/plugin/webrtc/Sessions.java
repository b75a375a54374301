package io.kadmesh.plugin.webrtc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DataChannel sessions of one transport, open or opening, by peer and session id: those peers
 * offered and those this node offered, at most {@code max} in all. Safe from any thread.
 */
final class Sessions {

    private final int max;
    private final Map<String, AnswerSession> answered = new HashMap<>();
    private final Map<String, OfferSession> offered = new HashMap<>();

    Sessions(int max) {
        this.max = max;
    }

    /** Keeps a session a peer offered; false, keeping nothing, when it is known already or there is no room. */
    synchronized boolean answering(String key, AnswerSession session) {
        if (answered.containsKey(key) || count() >= max) {
            return false;
        }
        answered.put(key, session);
        return true;
    }

    /** Keeps a session this node offers; false, keeping nothing, when there is no room. */
    synchronized boolean offering(String key, OfferSession session) {
        if (count() >= max) {
            return false;
        }
        offered.put(key, session);
        return true;
    }

    /** Why a session found no room. */
    String fullReason() {
        return max + " DataChannel sessions are open or opening (kadmesh.transport.webrtc.max-sessions)";
    }

    /** The session this node offered under {@code key}. */
    synchronized Optional<OfferSession> offerOf(String key) {
        return Optional.ofNullable(offered.get(key));
    }

    /** The session under {@code key}: one this node offered, else one the peer offered. */
    synchronized Optional<PeerSession> of(String key) {
        PeerSession session = offered.get(key);
        return Optional.ofNullable(session != null ? session : answered.get(key));
    }

    /** Forgets and closes the session a peer offered under {@code key}. */
    void forgetAnswer(String key) {
        AnswerSession ended;
        synchronized (this) {
            ended = answered.remove(key);
        }
        if (ended != null) {
            ended.close();
        }
    }

    /** Forgets and closes the session this node offered under {@code key}. */
    void forgetOffer(String key) {
        OfferSession ended;
        synchronized (this) {
            ended = offered.remove(key);
        }
        if (ended != null) {
            ended.close();
        }
    }

    /** Closes every session, as the transport closes. */
    void closeAll() {
        List<PeerSession> all;
        synchronized (this) {
            all = new ArrayList<>(answered.values());
            all.addAll(offered.values());
            answered.clear();
            offered.clear();
        }
        all.forEach(PeerSession::close);
    }

    synchronized int count() {
        return answered.size() + offered.size();
    }
}
