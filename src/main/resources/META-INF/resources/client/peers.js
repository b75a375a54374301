// WebRTC DataChannels to other browsers. Signaling (offer, answer, candidates) travels as `signal`
// frames over a link to a node both browsers are linked to, which stamps each with the sender its link
// proved (docs/protocol.md, "Signaling"); then both run the hello handshake over the DataChannel, and
// DHT messages flow over it as over any link.

import { Link, LinkError } from './link.js';

/** Most sessions, open or opening, a page keeps. */
export const MAX_SESSIONS = 16;
/** Most signals one session sends: an offer or answer and its candidates. */
const MAX_SIGNALS_PER_SESSION = 64;

/** The WebRTC sessions of one client, by session id. */
export class PeerSessions {
  /**
   * @param {import('./identity.js').Identity} identity
   * @param {() => Link[]} nodeLinks the open links to nodes, through which signals go, first choice first
   * @param {import('./link.js').Handlers} handlers for the links once open
   */
  constructor(identity, nodeLinks, handlers) {
    this.identity = identity;
    this.nodeLinks = nodeLinks;
    this.handlers = handlers;
    this.sessions = new Map();
    /** @type {Map<string, Link>} open DataChannel links by peer id */
    this.links = new Map();
    /** Signals refused: for no session of this page, or from another peer than the session's. */
    this.refusedSignals = 0;
  }

  /**
   * A DataChannel link to the browser `peerId`, opened through signaling when there is none.
   * @param {string} peerId @param {{timeoutMs?: number}} [options]
   * @returns {Promise<Link>}
   */
  connect(peerId, { timeoutMs = 10000 } = {}) {
    const open = this.links.get(peerId);
    if (open?.isOpen) return Promise.resolve(open);
    const id = randomSessionId();
    const session = this.start(id, peerId, true, null);
    const channel = session.pc.createDataChannel('kadmesh');
    this.handshake(session, channel);
    (async () => {
      const offer = await session.pc.createOffer();
      await session.pc.setLocalDescription(offer);
      this.send(session, { kind: 'offer', sdp: offer.sdp });
    })().catch((e) => session.fail('signaling', e.message));
    const timer = setTimeout(() => session.fail('ice', `no DataChannel within ${timeoutMs} ms`), timeoutMs);
    return session.link.finally(() => clearTimeout(timer));
  }

  /** Takes a `signal` or `signal_error` frame a node passed on over `via`. */
  receive(via, message) {
    const session = this.sessions.get(message.session);
    if (message.type === 'signal_error') {
      if (session?.initiator && session.peer === message.to) this.reroute(session, message.message);
      return;
    }
    const signal = message.signal ?? {};
    if (!session) {
      if (signal.kind === 'offer' && typeof signal.sdp === 'string' && this.sessions.size < MAX_SESSIONS
          && /^[0-9a-f]{40}$/.test(message.from ?? '')) {
        this.answer(via, message.session, message.from, signal.sdp).catch(() => undefined);
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
    } else if (signal.kind === 'candidate' && typeof signal.candidate === 'string') {
      session.candidate({ candidate: signal.candidate, sdpMid: signal.sdpMid ?? null, sdpMLineIndex: signal.sdpMLineIndex ?? null });
    } else {
      this.refusedSignals++;
    }
  }

  /** Closes every session. */
  close() {
    for (const session of this.sessions.values()) session.pc.close();
    this.sessions.clear();
    this.links.forEach((link) => link.close());
    this.links.clear();
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
    const pc = new RTCPeerConnection({ iceServers: [] });
    let settle;
    const link = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    link.catch(() => undefined);
    const queued = [];
    const session = {
      id, peer: peerId, initiator, pc, link, route: via, routes: 0, sent: [], held: [], offered: false, remoteSet: false,
      started: performance.now(),
      remoteReady: () => {
        session.remoteSet = true;
        queued.splice(0).forEach((c) => pc.addIceCandidate(c).catch(() => undefined));
      },
      candidate: (c) => (session.remoteSet ? pc.addIceCandidate(c).catch(() => undefined) : queued.push(c)),
      fail: (phase, cause) => {
        this.end(session);
        settle.reject(new LinkError(phase, `webrtc:${peerId}`, cause, 'webrtc'));
      },
      opened: (opened) => settle.resolve(opened),
    };
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
      closed: (closed) => {
        if (this.links.get(session.peer) === closed) this.links.delete(session.peer);
        this.end(session);
        this.handlers.closed?.(closed);
      },
    }).then((link) => {
      if (link.peer.nodeId !== session.peer) {
        link.close(1008, 'not the peer signaled');
        session.fail('handshake', `the DataChannel's peer is ${link.peer.nodeId}, not ${session.peer}`);
        return;
      }
      link.openMs = Math.round(performance.now() - session.started);
      this.links.set(session.peer, link);
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
    session.route ??= this.nodeLinks()[0];
    if (!session.route) {
      session.fail('signaling', 'no node link to signal through');
      return;
    }
    session.route.signal({ type: 'signal', to: session.peer, session: session.id, signal });
    if (signal.kind === 'offer') {
      session.offered = true;
      session.held.splice(0).forEach((held) => this.send(session, held));
    }
  }

  /** @private the node on the route does not know the peer: everything sent so far goes through the next */
  reroute(session, reason) {
    const next = this.nodeLinks().filter((l) => l !== session.route)[session.routes++];
    if (!next) {
      session.fail('signaling', `no node linked to both browsers passed the signal on: ${reason}`);
      return;
    }
    session.route = next;
    session.sent.forEach((signal) => next.signal({ type: 'signal', to: session.peer, session: session.id, signal }));
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
