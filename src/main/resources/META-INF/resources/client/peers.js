// Links to other browsers: a WebRTC DataChannel, or the WebSocket relay through a node when WebRTC
// fails. Signaling (offer, answer, candidates) travels as `signal` frames over a link to a node both
// browsers are linked to, which stamps each with the sender its link proved (docs/protocol.md,
// "Signaling"); then both run the hello handshake over the channel, and DHT messages flow over it as
// over any link. Over the relay, the side that started keeps trying the direct path, and moves to it
// without dropping the relay until every request it sent there has its answer.

import { Link, LinkError } from './link.js';
import { Relays } from './relay.js';

/** Most sessions, open or opening, a page keeps. */
export const MAX_SESSIONS = 16;
/** Most signals one session sends: an offer or answer and its candidates. */
const MAX_SIGNALS_PER_SESSION = 64;

/** The WebRTC sessions of one client, by session id. */
export class PeerSessions {
  /**
   * @param {import('./identity.js').Identity} identity
   * @param {() => Link[]} nodeLinks the open links to nodes, through which signals go, first choice first
   * @param {(peerId: string) => Promise<Link[]>} routesTo links to the nodes closest to a peer's id in
   *        the DHT, which its own join linked it to: where signals go when no node linked here knows it
   * @param {import('./link.js').Handlers} handlers for the links once open
   */
  constructor(identity, nodeLinks, routesTo, handlers) {
    this.identity = identity;
    this.nodeLinks = nodeLinks;
    this.routesTo = routesTo;
    this.handlers = { ...handlers, closed: (link) => this.dropped(link, handlers) };
    this.sessions = new Map();
    /** @type {Map<string, Link>} the link in use to each peer browser: a DataChannel or the relay */
    this.links = new Map();
    /** @type {Map<string, Link>} the node link each peer was last signaled through */
    this.routes = new Map();
    this.relays = new Relays(identity, this.handlers);
    /** Signals refused: for no session of this page, or from another peer than the session's. */
    this.refusedSignals = 0;
    /** Moves from the relay to a direct DataChannel. */
    this.upgrades = 0;
    /** How long ICE may take before the relay takes over, in ms. */
    this.iceTimeoutMs = 5000;
    /** The first wait before the direct path is tried again while the relay carries the traffic, in ms. */
    this.directRetryMs = 5000;
    /** `all`, or `relay` to gather no candidates without a TURN server: for tests of the fallback. */
    this.iceTransportPolicy = 'all';
    this.closed = false;
  }

  /**
   * A link to the browser `peerId`: the one in use, or a DataChannel opened through signaling, or,
   * when that fails, the relay through the node that passed the signals.
   * @param {string} peerId @returns {Promise<Link>}
   */
  async connect(peerId) {
    const open = this.links.get(peerId);
    if (open?.isOpen) return open;
    let direct;
    try {
      return this.keep(peerId, await this.direct(peerId), true);
    } catch (e) {
      direct = e;
    }
    const route = this.routes.get(peerId);
    if (!route?.isOpen || direct.phase === 'signaling') throw direct;
    try {
      const started = performance.now();
      const relayed = this.relays.open(route, peerId, true);
      route.signal({ type: 'signal', to: peerId, session: randomSessionId(), signal: { kind: 'relay' } });
      const link = await relayed;
      link.openMs = Math.round(performance.now() - started);
      link.directError = direct.message;
      console.info(`kadmesh: relaying to ${peerId} through ${route.url}: ${direct.message}`);
      this.keep(peerId, link, true);
      this.retryDirect(peerId, this.directRetryMs);
      return link;
    } catch (relay) {
      throw new LinkError('relay', `webrtc:${peerId}`, `${direct.message}; and then ${relay.message}`, 'webrtc');
    }
  }

  /**
   * Opens a DataChannel through signaling; fails within the ICE timeout. With `via`, the signals go
   * through that node link only: to reach the node itself.
   */
  direct(peerId, via = null) {
    const id = randomSessionId();
    const session = this.start(id, peerId, true, via);
    session.fixed = via !== null;
    const channel = session.pc.createDataChannel('kadmesh');
    this.handshake(session, channel);
    (async () => {
      const offer = await session.pc.createOffer();
      await session.pc.setLocalDescription(offer);
      this.send(session, { kind: 'offer', sdp: offer.sdp });
    })().catch((e) => session.fail('signaling', e.message));
    return session.link;
  }

  /** Takes a `signal` or `signal_error` frame a node passed on over `via`. */
  receive(via, message) {
    const session = this.sessions.get(message.session);
    if (message.type === 'signal_error') {
      if (session?.initiator && session.peer === message.to && session.route === via) {
        this.reroute(session, message.message).catch((e) => session.fail('signaling', e.message));
      }
      return;
    }
    const signal = message.signal ?? {};
    if (!session) {
      const from = /^[0-9a-f]{40}$/.test(message.from ?? '') ? message.from : null;
      if (from && signal.kind === 'offer' && typeof signal.sdp === 'string' && this.sessions.size < MAX_SESSIONS) {
        this.answer(via, message.session, from, signal.sdp).catch(() => undefined);
      } else if (from && signal.kind === 'relay' && this.relays.channels.size < MAX_SESSIONS) {
        this.relays.open(via, from, false).then((link) => this.keep(from, link, false), () => undefined);
      } else {
        this.refusedSignals++;
      }
      return;
    }
    if (message.from !== session.peer) {
      this.refusedSignals++;
      return;
    }
    if (signal.kind === 'answer' && session.initiator && typeof signal.sdp === 'string' && !session.remoteSet) {
      session.pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp }).then(() => session.remoteReady())
        .catch((e) => session.fail('signaling', e.message));
    } else if (signal.kind === 'refused' && session.initiator) {
      session.fail('signaling', `the peer refused the DataChannel: ${String(signal.reason).slice(0, 200)}`);
    } else if (signal.kind === 'candidate' && typeof signal.candidate === 'string') {
      session.candidate({ candidate: signal.candidate, sdpMid: signal.sdpMid ?? null, sdpMLineIndex: signal.sdpMLineIndex ?? null });
    } else {
      this.refusedSignals++;
    }
  }

  /** Closes every session. */
  close() {
    this.closed = true;
    for (const session of this.sessions.values()) session.pc.close();
    this.sessions.clear();
    this.links.forEach((link) => link.close());
    this.links.clear();
    this.relays.close();
  }

  /**
   * Makes `link` the one in use to `peerId`. The link it replaces stays until every request sent on
   * it has its answer, then closes, when this side started the new one; otherwise the side that did
   * closes it.
   * @private
   */
  keep(peerId, link, started) {
    const old = this.links.get(peerId);
    this.links.set(peerId, link);
    if (old && old !== link && started) {
      const retire = () => (old.pending.size === 0 ? old.close(1000, 'moved to another path') : setTimeout(retire, 50));
      retire();
    }
    return link;
  }

  /** @private a link closed: it is no longer the one in use */
  dropped(link, handlers) {
    const peer = link.peer?.nodeId;
    if (peer && this.links.get(peer) === link) this.links.delete(peer);
    handlers.closed?.(link);
  }

  /** @private while the relay carries the traffic to `peerId`, tries the direct path again, backing off */
  retryDirect(peerId, delay) {
    setTimeout(async () => {
      const current = this.links.get(peerId);
      if (this.closed || !current?.isOpen || current.transport !== 'relay') return;
      try {
        this.keep(peerId, await this.direct(peerId), true);
        this.upgrades++;
        console.info(`kadmesh: moved to a direct DataChannel to ${peerId}; the relay closes once its requests are answered`);
      } catch {
        this.retryDirect(peerId, Math.min(2 * delay, 60000));
      }
    }, delay);
  }

  /** @private the answering side of a session a peer offered */
  async answer(via, id, peerId, sdp) {
    const session = this.start(id, peerId, false, via);
    session.pc.ondatachannel = (e) => this.handshake(session, e.channel);
    try {
      await session.pc.setRemoteDescription({ type: 'offer', sdp });
      session.remoteReady();
      const answer = await session.pc.createAnswer();
      await session.pc.setLocalDescription(answer);
      this.send(session, { kind: 'answer', sdp: answer.sdp });
    } catch (e) {
      session.fail('signaling', e.message);
    }
  }

  /** @private a session's peer connection, its candidates, and its fate */
  start(id, peerId, initiator, via) {
    const pc = new RTCPeerConnection({ iceServers: [], iceTransportPolicy: this.iceTransportPolicy });
    let settle;
    const link = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    link.catch(() => undefined);
    const queued = [];
    const session = {
      id, peer: peerId, initiator, pc, link, route: via, tried: new Set(), lookedUp: false, sent: [], held: [], offered: false, remoteSet: false,
      started: performance.now(), remoteCandidates: 0,
      remoteReady: () => {
        session.remoteSet = true;
        queued.splice(0).forEach((c) => pc.addIceCandidate(c).catch(() => undefined));
      },
      candidate: (c) => {
        session.remoteCandidates++;
        return session.remoteSet ? pc.addIceCandidate(c).catch(() => undefined) : queued.push(c);
      },
      fail: (phase, cause) => {
        clearTimeout(session.timer);
        this.end(session);
        settle.reject(new LinkError(phase, `webrtc:${peerId}`, cause, 'webrtc'));
      },
      opened: (opened) => {
        clearTimeout(session.timer);
        settle.resolve(opened);
      },
      // ICE has iceTimeoutMs from the moment the signals have a route; finding one is signaling's time
      waitForIce: () => {
        const timeoutMs = this.iceTimeoutMs;
        clearTimeout(session.timer);
        session.timer = setTimeout(() => session.fail('ice', `no DataChannel within ${timeoutMs} ms (${session.progress()})`), timeoutMs);
      },
      // how far the session got: what an ICE timeout reports, so that a slow answer is not taken for ICE
      progress: () => {
        if (!session.remoteSet) return session.initiator ? 'no answer from the peer yet' : 'the offer not applied yet';
        return `ICE ${pc.iceConnectionState}, ${session.remoteCandidates} candidates from the peer`;
      },
    };
    session.waitForIce();
    pc.onicecandidate = (e) => {
      if (e.candidate) {
        this.send(session, { kind: 'candidate', candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex });
      }
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') session.fail('ice', 'ICE found no working pair of candidates');
    };
    this.sessions.set(id, session);
    return session;
  }

  /** @private runs the handshake over `channel` once it opens, and keeps the link */
  handshake(session, channel) {
    Link.over(channel, session.peer, session.initiator, this.identity, {
      ...this.handlers,
      toNode: session.fixed === true,
      closed: (closed) => {
        this.end(session);
        this.handlers.closed(closed);
      },
    }).then((link) => {
      if (link.peer.nodeId !== session.peer) {
        link.close(1008, 'not the peer signaled');
        session.fail('handshake', `the DataChannel's peer is ${link.peer.nodeId}, not ${session.peer}`);
        return;
      }
      link.openMs = Math.round(performance.now() - session.started);
      if (!session.initiator) this.keep(session.peer, link, false);
      session.opened(link);
    }, (e) => session.fail(e.phase ?? 'handshake', e.message));
  }

  /** @private sends a signal of `session` over its route: the link its offer came on, or the first node link */
  send(session, signal) {
    if (session.initiator && !session.offered && signal.kind !== 'offer') {
      session.held.push(signal);
      return;
    }
    if (session.sent.length >= MAX_SIGNALS_PER_SESSION) return;
    session.sent.push(signal);
    if (session.rerouting) return; // the next route gets every signal sent so far, this one included
    session.route ??= this.routes.get(session.peer)?.isOpen ? this.routes.get(session.peer) : this.nodeLinks()[0];
    if (!session.route) {
      session.fail('signaling', 'no node link to signal through');
      return;
    }
    this.routes.set(session.peer, session.route);
    session.route.signal({ type: 'signal', to: session.peer, session: session.id, signal });
    if (signal.kind === 'offer') {
      session.offered = true;
      session.held.splice(0).forEach((held) => this.send(session, held));
    }
  }

  /**
   * @private the node on the route does not know the peer: everything sent so far goes through the
   * next. Signals made meanwhile wait for it, rather than going to a node that refused them already.
   */
  async reroute(session, reason) {
    if (session.fixed) {
      session.fail('signaling', reason);
      return;
    }
    session.tried.add(session.route);
    session.route = null;
    session.rerouting = true;
    clearTimeout(session.timer); // a lookup may outlast the ICE timeout; it has bounds of its own
    const untried = (links) => links.find((l) => l.isOpen && !session.tried.has(l));
    let next = untried(this.nodeLinks());
    if (!next && !session.lookedUp) {
      session.lookedUp = true;
      next = untried(await this.routesTo(session.peer));
    }
    if (this.sessions.get(session.id) !== session) return; // it ended meanwhile, and said why
    if (!next) {
      session.fail('signaling', `no node passed the signal on, neither those linked to this page nor the`
        + ` nodes closest to ${session.peer} in the DHT: ${reason}`);
      return;
    }
    session.route = next;
    session.rerouting = false;
    this.routes.set(session.peer, next);
    session.sent.forEach((signal) => next.signal({ type: 'signal', to: session.peer, session: session.id, signal }));
    session.waitForIce();
  }

  /** @private */
  end(session) {
    if (this.sessions.get(session.id) === session) this.sessions.delete(session.id);
    session.pc.close();
  }
}

function randomSessionId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
