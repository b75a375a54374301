// One link of this browser: a WebSocket to a node, or a WebRTC DataChannel to another browser. On it,
// the hello handshake (docs/protocol.md, "Handshake"), as the dialer or the acceptor; then requests
// matched to their replies, the peer's own requests answered, and signaling frames handed on.

import { concat, fromBase64, fromHex, isId, sha1Hex, toBase64, utf8 } from './bytes.js';
import { verify } from './identity.js';

export const PROTOCOL_VERSION = 2;
/** The largest frame either side sends: 256 KiB of UTF-8. */
export const MAX_FRAME_BYTES = 262144;
const MAX_HANDSHAKE_FRAME = 4096;
const LABEL = utf8('kadmesh-handshake');
const REPLIES = new Set(['pong', 'nodes', 'value', 'stored', 'service_reply', 'error']);
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SIGNALING = new Set(['signal', 'signal_error', 'relay', 'relay_ready', 'relay_closed', 'relay_error']);

/** A link failure that names its phase: `connect`, `handshake`, `send` or `closed`, and the cause. */
export class LinkError extends Error {
  /** @param {string} phase @param {string} url @param {string} cause @param {string} [transport] */
  constructor(phase, url, cause, transport = 'websocket') {
    super(`${transport} ${phase} failed at ${url}: ${cause}`);
    this.transport = transport;
    this.phase = phase;
    this.url = url;
  }
}

/** A request that got no usable reply: `timeout`, `remote_error`, or the link's failure. */
export class RequestError extends Error {
  /** @param {string} kind @param {string} message */
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

/**
 * A verified link. `peer` is the node's contact as it proved its id and declared its address.
 * @typedef {{nodeId: string, address: string}} Contact
 */
export class Link {
  /**
   * Dials `url` and runs the handshake as `identity`.
   * @param {string} url a ws:// or wss:// URL of a node's /dht endpoint
   * @param {import('./identity.js').Identity} identity
   * @param {Handlers} handlers
   * @returns {Promise<Link>}
   */
  static open(url, identity, handlers) {
    return new Promise((resolve, reject) => {
      let socket;
      try {
        socket = new WebSocket(url);
      } catch (e) {
        reject(new LinkError('connect', url, e.message));
        return;
      }
      new Link(url, channelOf(socket, 'websocket'), identity, handlers).handshake(true, resolve, reject);
    });
  }

  /**
   * Runs the handshake over a channel to another browser, a DataChannel or the relay, as the dialer
   * when this side started it.
   * @param {RTCDataChannel | object} channel a DataChannel, or a channel of the relay (relay.js)
   * @param {string} peerId the browser expected there
   * @param {boolean} dialer @param {import('./identity.js').Identity} identity @param {Handlers} handlers
   * @returns {Promise<Link>}
   */
  static over(channel, peerId, dialer, identity, handlers) {
    const face = channel.transport === 'relay' ? channel : channelOf(channel, 'webrtc');
    return new Promise((resolve, reject) => {
      new Link(`${face.transport}:${peerId}`, face, identity, handlers).handshake(dialer, resolve, reject);
    });
  }

  /**
   * @typedef {{answer: (link: Link, message: any) => object | null, signal?: (link: Link, message: any) => void,
   *            closed?: (link: Link) => void, timeoutMs?: number, handshakeMs?: number, toNode?: boolean}} Handlers
   *   `toNode`: a DataChannel this page opened to a node, which may pass it signals as its WebSocket does
   * @private
   */
  constructor(url, socket, identity, handlers) {
    this.url = url;
    this.socket = socket;
    this.transport = socket.transport;
    this.identity = identity;
    this.handlers = handlers;
    this.timeoutMs = handlers.timeoutMs ?? 2000;
    /** @type {Contact | null} */
    this.peer = null;
    this.pending = new Map();
    this.nextId = 0;
    this.lastUsed = Date.now();
    this.closedWith = null;
  }

  /**
   * The handshake: the dialer answers the peer's hello with its proof at once; the acceptor proves
   * itself only once the dialer's proof has checked out.
   * @private
   */
  handshake(dialer, resolve, reject) {
    const nonce = crypto.getRandomValues(new Uint8Array(32));
    let peerHello = null;
    let settled = false;
    const fail = (phase, cause) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      this.socket.close(1008, cause.slice(0, 120));
      reject(new LinkError(phase, this.url, cause, this.transport));
    };
    const timer = setTimeout(() => fail('handshake', 'no verified hello within the handshake timeout'),
      this.handlers.handshakeMs ?? 5000);
    const hello = () => this.socket.send(JSON.stringify({
      type: 'hello', protocolVersion: PROTOCOL_VERSION, nodeId: this.identity.id,
      publicKey: toBase64(this.identity.publicKey), nonce: toBase64(nonce), address: 'browser:' + this.identity.id,
    }));
    const ack = async () => {
      const signed = proof(this.identity.id, peerHello.nodeId.toLowerCase(), nonce, fromBase64(peerHello.nonce, 32));
      this.socket.send(JSON.stringify({ type: 'hello_ack', signature: toBase64(await this.identity.sign(signed)) }));
    };
    if (this.socket.isOpen()) hello();
    else this.socket.onopen = hello;
    this.socket.onerror = () => fail(!peerHello && !this.socket.isOpen() ? 'connect' : 'handshake',
      `the ${this.transport === 'webrtc' ? 'DataChannel' : 'WebSocket'} failed`);
    this.socket.onclose = (e) => fail(peerHello ? 'handshake' : 'connect', `closed ${e.code ?? ''} ${e.reason ?? ''}`.trim());
    // Frames are taken one at a time: the checks are asynchronous (WebCrypto), the order is not.
    let queue = Promise.resolve();
    this.socket.onmessage = (e) => {
      queue = queue.then(async () => {
        if (settled) return;
        if (typeof e.data !== 'string' || e.data.length > MAX_HANDSHAKE_FRAME) {
          fail('handshake', 'handshake frames are text of at most 4096 characters');
          return;
        }
        const message = parse(e.data);
        if (!peerHello) {
          const problem = await helloProblem(message, this.identity.id);
          if (problem) return fail('handshake', problem);
          peerHello = message;
          if (dialer) await ack();
          return;
        }
        const signature = message?.type === 'hello_ack' ? fromBase64(message.signature, 64) : null;
        const signed = proof(peerHello.nodeId.toLowerCase(), this.identity.id, fromBase64(peerHello.nonce, 32), nonce);
        if (!signature || !(await verify(fromBase64(peerHello.publicKey, 32), signed, signature))) {
          return fail('handshake', 'the peer\'s hello_ack does not prove its id');
        }
        if (!dialer) await ack();
        settled = true;
        clearTimeout(timer);
        this.peer = { nodeId: peerHello.nodeId.toLowerCase(), address: peerHello.address };
        this.verified();
        resolve(this);
      });
    };
  }

  /** @private the link is verified: from now on frames are messages */
  verified() {
    this.socket.onmessage = (e) => this.receive(e.data);
    this.socket.onerror = () => undefined;
    this.socket.onclose = (e) => this.ended(`closed ${e.code ?? ''} ${e.reason ?? ''}`.trim());
  }

  /** Whether frames can still be sent. */
  get isOpen() {
    return this.socket.isOpen();
  }

  /**
   * Sends a request and resolves with its reply.
   * @param {string} type @param {object} fields the message's own fields
   * @returns {Promise<any>} the reply; an `error` reply rejects with kind `remote_error`
   */
  request(type, fields = {}) {
    this.lastUsed = Date.now();
    if (!this.isOpen) return Promise.reject(new RequestError('closed', `link to ${this.url} is closed`));
    const requestId = 'b' + (++this.nextId).toString(36);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new RequestError('timeout', `no ${type} reply from ${this.url} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
      if (!this.send({ type, requestId, sender: this.self(), ...fields })) {
        this.settle(requestId, null, new RequestError('send', `${type} to ${this.url} exceeds the frame limit`));
      }
    });
  }

  /** Closes the link; pending requests fail. */
  close(code = 1000, reason = 'done') {
    this.socket.close(code, reason);
    this.ended('closed here');
  }

  /** Sends a signaling or relay frame to the node, as it is. @param {object} frame */
  signal(frame) {
    if (this.isOpen) this.socket.send(JSON.stringify(frame));
  }

  /** @private */
  self() {
    return { nodeId: this.identity.id, address: 'browser:' + this.identity.id };
  }

  /** @private @returns {boolean} false when the frame would exceed the limit */
  send(message) {
    const frame = JSON.stringify(message);
    if (frame.length > MAX_FRAME_BYTES / 3 && utf8(frame).length > MAX_FRAME_BYTES) return false;
    this.socket.send(frame);
    return true;
  }

  /** @private */
  receive(frame) {
    this.lastUsed = Date.now();
    const problem = frameProblem(frame);
    const message = problem ? null : parse(frame);
    if (problem || !message || typeof message.type !== 'string') {
      this.refused(problem ?? { code: 'malformed', message: 'frame must be a JSON object with a string \'type\'' });
      return;
    }
    if (message.type === 'close' && this.transport === 'webrtc') {
      this.socket.close();
      this.ended(`closed ${message.code ?? ''} ${message.reason ?? ''}`.trim());
      return;
    }
    if (SIGNALING.has(message.type) && (this.transport === 'websocket' || this.handlers.toNode)) {
      // only a node passes signals on: over the page's WebSocket, or a DataChannel the page opened to it
      this.handlers.signal?.(this, message);
      return;
    }
    if (message.sender?.nodeId?.toLowerCase?.() !== this.peer.nodeId) {
      this.close(1008, 'forged sender');
      return;
    }
    if (REPLIES.has(message.type)) {
      const error = message.type === 'error'
        ? new RequestError('remote_error', `${message.code}: ${message.message}`) : null;
      this.settle(message.requestId, message, error);
      return;
    }
    const reply = this.handlers.answer(this, message);
    const requestId = typeof message.requestId === 'string' && REQUEST_ID.test(message.requestId) ? message.requestId : null;
    if (reply) this.send({ requestId, sender: this.self(), ...reply });
  }

  /** @private answers a frame it cannot use with an error reply, as nodes do, and counts it */
  refused({ code, message }) {
    this.refusedFrames = (this.refusedFrames ?? 0) + 1;
    this.send({ type: 'error', requestId: null, sender: this.self(), code, message });
  }

  /** @private */
  settle(requestId, message, error) {
    const waiting = this.pending.get(requestId);
    if (!waiting) return;
    this.pending.delete(requestId);
    clearTimeout(waiting.timer);
    if (error) waiting.reject(error);
    else waiting.resolve(message);
  }

  /** @private */
  ended(cause) {
    if (this.closedWith) return;
    this.closedWith = cause;
    for (const requestId of [...this.pending.keys()]) {
      this.settle(requestId, null, new RequestError('closed', `link to ${this.url} ${cause}`));
    }
    this.handlers.closed?.(this);
  }
}

/**
 * A WebSocket or DataChannel behind one face: send, close with a code, whether it is open, and the
 * event handlers the link sets.
 */
function channelOf(channel, transport) {
  const open = transport === 'websocket' ? WebSocket.OPEN : 'open';
  const facade = {
    transport,
    send: (text) => channel.send(text),
    isOpen: () => channel.readyState === open,
    close: (code, reason) => {
      if (channel.readyState === 'closed' || channel.readyState === WebSocket.CLOSED) return;
      if (transport === 'websocket') {
        channel.close(code, reason);
        return;
      }
      // a DataChannel has no close code: the close frame carries it (docs/protocol.md); none to answer one
      if (code !== undefined && channel.readyState === 'open') channel.send(JSON.stringify({ type: 'close', code, reason: String(reason).slice(0, 123) }));
      channel.close();
    },
  };
  for (const event of ['open', 'message', 'error', 'close']) {
    Object.defineProperty(facade, 'on' + event, { set: (handler) => { channel['on' + event] = handler; } });
  }
  return facade;
}

/** The 125 signed bytes of a hello_ack: label, version, signer id, verifier id, signer's nonce, verifier's nonce. */
function proof(signerId, verifierId, signerNonce, verifierNonce) {
  const version = new Uint8Array(4);
  new DataView(version.buffer).setUint32(0, PROTOCOL_VERSION);
  return concat(LABEL, version, fromHex(signerId), fromHex(verifierId), signerNonce, verifierNonce);
}

/** Why a node's hello is refused, in the order docs/protocol.md checks it; null when it is sound. */
async function helloProblem(hello, selfId) {
  if (hello?.type !== 'hello') return 'the node sent something other than a hello first';
  if (hello.protocolVersion !== PROTOCOL_VERSION) return `the node speaks protocol ${hello.protocolVersion}, not ${PROTOCOL_VERSION}`;
  if (!isId(hello.nodeId)) return 'hello field \'nodeId\' must be 40 hex digits';
  const publicKey = fromBase64(hello.publicKey, 32);
  if (!publicKey) return 'hello field \'publicKey\' must be base64 of 32 bytes';
  if (!fromBase64(hello.nonce, 32)) return 'hello field \'nonce\' must be base64 of 32 bytes';
  if (typeof hello.address !== 'string' || hello.address.trim() === '' || hello.address.length > 2048) {
    return 'hello field \'address\' must be 1 to 2048 characters, not all blank';
  }
  if (await sha1Hex(publicKey) !== hello.nodeId.toLowerCase()) return 'node id does not match its public key';
  if (hello.nodeId.toLowerCase() === selfId) return 'peer is this browser itself';
  return null;
}

/** Why a frame cannot be read at all: not text, or over the size limit; null when it can. */
function frameProblem(frame) {
  if (typeof frame !== 'string') return { code: 'malformed', message: 'frames are text, not binary' };
  const bytes = frame.length > MAX_FRAME_BYTES / 3 ? utf8(frame).length : frame.length;
  if (bytes > MAX_FRAME_BYTES) return { code: 'oversized', message: `frame is ${bytes} bytes, the limit is ${MAX_FRAME_BYTES}` };
  return null;
}

function parse(frame) {
  try {
    const value = JSON.parse(frame);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}
