// The WebSocket relay: when two browsers cannot reach each other over WebRTC, a node both are linked
// to passes their frames on, once both have asked it to (docs/protocol.md, "Relay"). The hello
// handshake runs end to end over the relay, so the node in the middle can read the frames but cannot
// pass itself off as either browser.

import { Link, LinkError } from './link.js';

/** How long a browser waits for its peer to ask the node for the relay too. */
const READY_TIMEOUT_MS = 10000;
/**
 * Relay frames a page sends one node a second, and in a burst: under the node's limit of 1000
 * (docs/protocol.md, "Relay"), so that the node never refuses one; frames beyond wait their turn.
 */
const RELAY_FRAMES_PER_SECOND = 900;
/** Relay frames that may wait for their turn on one node link; beyond, a frame is dropped. */
const MAX_WAITING_FRAMES = 4096;

/** The relayed links of one client, by peer id. */
export class Relays {
  /** @param {import('./identity.js').Identity} identity @param {import('./link.js').Handlers} handlers */
  constructor(identity, handlers) {
    this.identity = identity;
    this.handlers = handlers;
    /** @type {Map<string, {node: Link, channel: object, dialer: boolean, settle: object}>} */
    this.channels = new Map();
    /** Relay frames dropped: from a peer this page relays nothing with. */
    this.refusedFrames = 0;
  }

  /**
   * Asks `node` to relay between this page and `peerId`, and runs the handshake over the relay once the
   * peer has asked too; as the dialer when this page started it.
   * @param {Link} node @param {string} peerId @param {boolean} dialer @returns {Promise<Link>}
   */
  open(node, peerId, dialer) {
    this.channels.get(peerId)?.channel.close();
    return new Promise((resolve, reject) => {
      const channel = relayChannel(node, peerId);
      const timer = setTimeout(() => fail(`the peer did not ask ${node.url} for the relay within ${READY_TIMEOUT_MS} ms`),
        READY_TIMEOUT_MS);
      const entry = { node, channel, dialer, settle: { resolve, reject }, timer };
      const fail = (cause) => {
        clearTimeout(timer);
        if (this.channels.get(peerId) === entry) this.channels.delete(peerId);
        reject(new LinkError('relay', `relay:${peerId}`, cause, 'relay'));
      };
      entry.fail = fail;
      this.channels.set(peerId, entry);
      node.signal({ type: 'relay_open', to: peerId });
    });
  }

  /** Takes a `relay_ready`, `relay`, `relay_closed` or `relay_error` frame from `node`. */
  receive(node, message) {
    const peer = message.type === 'relay' ? message.from : message.type === 'relay_error' ? message.to : message.peer;
    const entry = this.channels.get(peer);
    if (!entry || entry.node !== node) {
      this.refusedFrames++;
      return;
    }
    if (message.type === 'relay_ready' && !entry.channel.ready) {
      clearTimeout(entry.timer);
      entry.channel.ready = true;
      Link.over(entry.channel, peer, entry.dialer, this.identity, this.handlers).then((link) => {
        if (link.peer.nodeId !== peer) {
          link.close(1008, 'not the peer asked for');
          entry.fail(`the relay's peer is ${link.peer.nodeId}, not ${peer}`);
        } else {
          entry.settle.resolve(link);
        }
      }, (e) => entry.fail(e.message));
    } else if (message.type === 'relay' && entry.channel.ready && typeof message.data === 'string') {
      entry.channel.onmessage?.({ data: message.data });
    } else if (message.type === 'relay_closed') {
      entry.channel.ended();
      this.channels.delete(peer);
    } else if (message.type === 'relay_error') {
      entry.fail(message.message);
    }
  }

  /** Closes every relay. */
  close() {
    this.channels.forEach((entry) => entry.channel.close());
    this.channels.clear();
  }
}

/** The relay to `peerId` through `node`, with the face of a channel (see link.js). */
function relayChannel(node, peerId) {
  const channel = {
    transport: 'relay',
    ready: false,
    closed: false,
    onopen: null,
    onmessage: null,
    onerror: null,
    onclose: null,
    send: (text) => paced(node, { type: 'relay', to: peerId, data: text }),
    isOpen: () => channel.ready && !channel.closed && node.isOpen,
    close: () => {
      if (!channel.closed) node.signal({ type: 'relay_close', to: peerId });
      channel.ended();
    },
    ended: () => {
      if (channel.closed) return;
      channel.closed = true;
      channel.onclose?.({ reason: 'relay closed' });
    },
  };
  return channel;
}

/**
 * Sends a relay frame to `node` within the pace of the page's relay frames to it, one token bucket per
 * node link; a frame beyond waits, in order, and is sent as tokens come back.
 */
function paced(node, frame) {
  node.relayPace ??= { tokens: RELAY_FRAMES_PER_SECOND, at: performance.now(), waiting: [], timer: null };
  const pace = node.relayPace;
  refill(pace);
  if (pace.waiting.length === 0 && pace.tokens >= 1) {
    pace.tokens--;
    node.signal(frame);
  } else if (pace.waiting.length < MAX_WAITING_FRAMES) {
    pace.waiting.push(frame);
    pace.timer ??= setTimeout(() => flush(node), 5);
  }
}

function flush(node) {
  const pace = node.relayPace;
  pace.timer = null;
  refill(pace);
  while (pace.waiting.length > 0 && pace.tokens >= 1 && node.isOpen) {
    pace.tokens--;
    node.signal(pace.waiting.shift());
  }
  if (!node.isOpen) pace.waiting.length = 0;
  else if (pace.waiting.length > 0) pace.timer = setTimeout(() => flush(node), 5);
}

function refill(pace) {
  const now = performance.now();
  pace.tokens = Math.min(RELAY_FRAMES_PER_SECOND, pace.tokens + ((now - pace.at) * RELAY_FRAMES_PER_SECOND) / 1000);
  pace.at = now;
}
