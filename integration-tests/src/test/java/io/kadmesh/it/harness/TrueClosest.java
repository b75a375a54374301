package io.kadmesh.it.harness;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.kadmesh.dht.NodeId;

/** The k ids truly closest to a target by XOR distance: what a correct lookup returns. */
public final class TrueClosest {

    private TrueClosest() {
    }

    /** The {@code k} ids of {@code ids} closest to {@code target}, nearest first, as lowercase hex. */
    public static List<String> of(Collection<String> ids, String target, int k) {
        Objects.requireNonNull(ids, "ids must be set");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        NodeId to = NodeId.fromHex(target);
        return ids.stream().map(NodeId::fromHex).distinct().sorted(to::compareDistance).limit(k).map(NodeId::toHex)
                .toList();
    }

    /** Whether {@code found} is exactly {@link #of} (order included), ignoring hex case. */
    public static boolean matches(List<String> found, Collection<String> ids, String target, int k) {
        Objects.requireNonNull(found, "found must be set");
        List<String> lowered = found.stream().map(id -> id.toLowerCase(Locale.ROOT)).toList();
        return lowered.equals(of(ids, target, k));
    }
}
