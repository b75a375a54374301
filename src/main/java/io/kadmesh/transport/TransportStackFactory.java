package io.kadmesh.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Signaled;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportStatus;
import io.kadmesh.transport.handshake.HandshakeTransport;
import io.kadmesh.transport.handshake.InboundLimits;

/**
 * Builds the node's transport stack, the one way the node reaches peers. Transport plugins are CDI
 * beans implementing the transport SPI; this collects every one that is available here (one that
 * reports itself unavailable is left out and logged, and the node goes on with the others), puts each
 * behind the hello handshake and then its own {@link GuardedTransport}, and joins them in a
 * {@link TransportRegistry} that picks the transport per peer:
 *
 * <pre>
 * registry → guard (dial-timeout, retry, breaker, bulkhead) → handshake → plugin
 * </pre>
 *
 * The guard's timeout is the one dial deadline and covers the handshake. Each plugin's own phase
 * deadlines plus the handshake timeout must be shorter, so that a stalled phase fails as itself; a
 * configuration where they are not is refused with an error naming the keys.
 */
@ApplicationScoped
public class TransportStackFactory {

    private static final Logger LOG = Logger.getLogger(TransportStackFactory.class);

    private final List<Transport> plugins = new ArrayList<>();
    private final Map<String, TransportStatus> statuses = new LinkedHashMap<>();
    private final NodeConfig.Guard guard;
    private final Duration handshakeTimeout;
    private final InboundLimits inboundLimits;

    @Inject
    TransportStackFactory(@Any Instance<Transport> plugins, NodeConfig config) {
        this(plugins, config.guard(), config.identity().handshakeTimeout(), limits(config.inbound()));
    }

    /** The stacks of the available ones among {@code plugins}, in their order, with the default inbound limits. */
    TransportStackFactory(Iterable<Transport> plugins, NodeConfig.Guard guard, Duration handshakeTimeout) {
        this(plugins, guard, handshakeTimeout, InboundLimits.DEFAULTS);
    }

    /** The stacks of the available ones among {@code plugins}, in their order. */
    TransportStackFactory(Iterable<Transport> plugins, NodeConfig.Guard guard, Duration handshakeTimeout,
            InboundLimits inboundLimits) {
        this.guard = guard;
        this.handshakeTimeout = handshakeTimeout;
        this.inboundLimits = inboundLimits;
        for (Transport plugin : plugins) {
            statuses.put(plugin.id(), plugin.status());
            if (plugin.status().available()) {
                this.plugins.add(plugin);
            } else if (plugin.status().off()) {
                LOG.infof("transport %s is off: %s", plugin.id(), plugin.status().reason());
            } else {
                LOG.warnf("transport %s is unavailable: %s", plugin.id(), plugin.status().reason());
            }
        }
    }

    /**
     * The transport the DHT core talks through: every available plugin behind the handshake, in which
     * this node introduces itself as {@code identity} at {@code advertisedAddress}, timed by
     * {@code scheduler}, with nonces from {@code random}, and behind its guard; {@code errors} hears of
     * every dial that failed and every inbound link refused or failed in its handshake.
     *
     * @throws IllegalStateException if a plugin's own deadlines and the handshake timeout do not fit
     *         within {@code kadmesh.guard.dial-timeout}
     */
    public TransportRegistry peerTransport(NodeIdentity identity, String advertisedAddress, Scheduler scheduler,
            RandomGenerator random, TransportErrors errors) {
        return registry(plugin -> new HandshakeTransport(plugin, identity, advertisedAddress, scheduler,
                handshakeTimeout, random, inboundLimits, () -> errors.failed(plugin.id(), Phase.HANDSHAKE)),
                " plus kadmesh.identity.handshake-timeout (" + handshakeTimeout.toMillis() + " ms)", errors);
    }

    /**
     * The transport for onboarding: every available plugin behind its guard, without the handshake,
     * which the {@code /bootstrap} endpoint does not speak. It only dials; it must not listen.
     * {@code errors} hears of every dial that failed.
     */
    public TransportRegistry onboardingTransport(TransportErrors errors) {
        return registry(UnaryOperator.identity(), "", errors);
    }

    /**
     * The available plugins whose links peers open through signaling ({@link Signaled}): the node hands
     * them the signals addressed to it.
     */
    public List<Signaled> signaled() {
        return plugins.stream().filter(Signaled.class::isInstance).map(Signaled.class::cast).toList();
    }

    /** Every transport plugin, available or not, by id, with its status as the node started. */
    public Map<String, TransportStatus> statuses() {
        return Collections.unmodifiableMap(statuses);
    }

    /** The guard's settings: the dial deadline, retries and circuit breakers of every transport. */
    public NodeConfig.Guard guard() {
        return guard;
    }

    private static InboundLimits limits(NodeConfig.Inbound inbound) {
        try {
            return new InboundLimits(inbound.maxLinks(), inbound.maxHandshakes(), inbound.maxHandshakesPerSource());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("kadmesh.inbound.*: " + e.getMessage(), e);
        }
    }

    private TransportRegistry registry(UnaryOperator<Transport> layer, String handshakePart,
            TransportErrors errors) {
        List<GuardedTransport> guarded = new ArrayList<>();
        for (Transport plugin : plugins) {
            Transport inner = layer.apply(plugin);
            checkDeadline(plugin, inner.dialDeadline(), handshakePart);
            guarded.add(new GuardedTransport(inner, guard, errors));
        }
        return new TransportRegistry(guarded);
    }

    private void checkDeadline(Transport plugin, Duration inner, String handshakePart) {
        Duration deadline = guard.dialTimeout();
        if (inner.compareTo(deadline) >= 0) {
            throw new IllegalStateException("kadmesh.guard.dial-timeout (" + deadline.toMillis()
                    + " ms) must be longer than the " + plugin.id() + " transport's own dial deadline ("
                    + plugin.dialDeadline().toMillis() + " ms, from kadmesh.transport." + plugin.id() + ".*)"
                    + handshakePart + ", which it covers; otherwise a stalled phase would be reported as the"
                    + " guard's timeout. Raise the dial timeout or lower the others");
        }
    }
}
