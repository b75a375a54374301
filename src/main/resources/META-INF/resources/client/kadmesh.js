// The Kadmesh browser client: joins the DHT through a node over WebSocket and takes part in it as a
// browser peer, with its own Ed25519 identity. No build step: import it as an ES module.
//
//   import { KadmeshClient } from '/client/kadmesh.js';
//   const client = await KadmeshClient.join(`ws://${location.host}/dht`);
//   await client.put('greeting', { text: 'hello' });
//   await client.get('greeting');           // { text: 'hello' }
//   await client.findNode(client.id);       // { closest: [{nodeId, url}], hops, durationMs }
//   await client.connectPeer(otherBrowserId);   // a WebRTC DataChannel, signaled through a node
//   await client.peerRequest(otherBrowserId, 'ping');
//   await client.createChannel('news');     // { name, createdAt, creator, created }
//   await client.subscribe('news', (m) => console.log(m.data));   // { roots }
//   await client.publish('news', 'hello');  // the message's id

import { byDistanceTo, isId, sha1Hex, utf8 } from './bytes.js';
import { Identity } from './identity.js';
import { Link, LinkError, RequestError } from './link.js';
import { PeerSessions } from './peers.js';
import { channelIn, channelKey, channelRecordKey, channelValue, checkName, Pubsub } from './pubsub.js';
import { isSound, signRecord } from './records.js';

export { Identity, LinkError, RequestError };

/** The paper's k and alpha, as the nodes use them by default. */
export const K = 20;
export const ALPHA = 3;
/** Most links a client keeps open; the least recently used idle one closes first. */
export const MAX_LINKS = 16;
/** Most contacts a client remembers; the farthest from its own id are forgotten first. */
export const MAX_CONTACTS = 512;
const MAX_KEY_LENGTH = 256;
/** The nodes closest to a browser's id that it stays linked to, and that others signal it through. */
const HOME_NODES = 3;

/**
 * @typedef {{nodeId: string, address: string}} Contact
 * @typedef {{closest: {nodeId: string, url: string}[], failed: {nodeId: string, url: string, error: string}[],
 *            hops: number, durationMs: number}} LookupResult
 */

/** A browser in the DHT. */
export class KadmeshClient {
  /**
   * Joins through the node at `entryUrl`, as a node joins: links to it, then looks up its own id.
   * @param {string} entryUrl a ws:// or wss:// URL of a node's /dht endpoint
   * Once joined, it opens WebRTC DataChannels to its home nodes (the nodes closest to its id) in the
   * background, and asks them over those from then on; a node that takes none stays on WebSocket.
   * @param {{identity?: Identity, persist?: boolean, timeoutMs?: number, nodeDataChannels?: boolean}} [options]
   *        `persist: false` for an identity of this page only; `timeoutMs`, the wait for one reply
   *        (2000); `nodeDataChannels: false` to stay on WebSocket to nodes
   * @returns {Promise<KadmeshClient>}
   */
  static async join(entryUrl, options = {}) {
    const identity = options.identity ?? await Identity.load({ persist: options.persist ?? true });
    const client = new KadmeshClient(identity, options.timeoutMs ?? 2000);
    const entry = await client.link(entryUrl);
    client.learn(entry.peer);
    await client.lookup(identity.id, false);
    if ((options.nodeDataChannels ?? true) && typeof RTCPeerConnection === 'function') {
      client.homeNodeChannels = client.openHomeNodeChannels();
    }
    return client;
  }

  /** @private */
  constructor(identity, timeoutMs) {
    this.identity = identity;
    this.timeoutMs = timeoutMs;
    /** @type {Map<string, Contact>} */
    this.contacts = new Map();
    /** @type {Map<string, Promise<Link>>} links to nodes by URL, opening or open */
    this.links = new Map();
    /** @type {Map<string, Link>} the open ones */
    this.openLinks = new Map();
    this.lastSeq = new Map();
    /** @type {Map<string, string>} why a node gave no DataChannel, by node id: it is not asked again */
    this.nodeChannelErrors = new Map();
    /** @type {Promise<void>} the background upgrade of the home nodes' links, once joined */
    this.homeNodeChannels = Promise.resolve();
    /** Pubsub subscriptions and publishing, through the links to nodes. */
    this.pubsub = new Pubsub(identity, () => this.nodeLinks());
    this.peers = new PeerSessions(identity, () => [...this.openLinks.values()].filter((l) => l.isOpen),
      (peerId) => this.linksNear(peerId),
      { answer: (link, message) => this.answer(message), signal: (link, message) => this.signaled(link, message),
        closed: (link) => this.pubsub.linkClosed(link), timeoutMs });
  }

  /** @private a signaling or relay frame a node sent over `link`, a WebSocket or a DataChannel to it */
  signaled(link, message) {
    if (message.type.startsWith('relay')) this.peers.relays.receive(link, message);
    else this.peers.receive(link, message);
  }

  /** This browser's node id, 40 lowercase hex digits. */
  get id() {
    return this.identity.id;
  }

  /**
   * The open links: `[{peer, url, transport}]`, `transport` being `websocket` (to nodes), `webrtc` (to
   * browsers, and to nodes that took a DataChannel) or `relay` (to browsers).
   */
  async connections() {
    return [...this.openLinks.values(), ...new Set(this.peers.links.values())].filter((l) => l.isOpen)
      .map((l) => ({ peer: l.peer.nodeId, url: l.url, transport: l.transport }));
  }

  /**
   * Opens a link to the browser `peerId`: a WebRTC DataChannel signaled through a node both are linked
   * to, or, when ICE fails within `peers.iceTimeoutMs`, the relay through that node (and the direct
   * path is tried again in the background); resolves once the peer has proven its id over it.
   * @param {string} peerId 40 hex digits
   * @returns {Promise<{peer: string, transport: 'webrtc' | 'relay', openMs: number, directError?: string}>}
   */
  async connectPeer(peerId) {
    if (!isId(peerId) || peerId.toLowerCase() === this.id) throw new TypeError('peerId must be another browser\'s id');
    const link = await this.peers.connect(peerId.toLowerCase());
    return { peer: link.peer.nodeId, transport: link.transport, openMs: link.openMs, directError: link.directError };
  }

  /**
   * Opens a WebRTC DataChannel to the node `nodeId`, which this page has a WebSocket link to, signaled
   * over that link; the node must take DataChannels (its WebRTC transport, webrtc-java). DHT requests
   * to it then go over the channel with `peerRequest`; the WebSocket link stays.
   * @param {string} nodeId @returns {Promise<{peer: string, transport: string, openMs: number}>}
   */
  async connectNode(nodeId) {
    const id = String(nodeId).toLowerCase();
    const open = this.peers.links.get(id);
    if (open?.isOpen && open.transport === 'webrtc') return { peer: id, transport: open.transport, openMs: open.openMs };
    const via = [...this.openLinks.values()].find((l) => l.isOpen && l.peer.nodeId === id);
    if (!via) throw new LinkError('signaling', `webrtc:${id}`, 'no WebSocket link to that node to signal over', 'webrtc');
    const link = this.peers.keep(id, await this.peers.direct(id, via), true);
    return { peer: link.peer.nodeId, transport: link.transport, openMs: link.openMs };
  }

  /**
   * Why nodes this page tried gave it no DataChannel, by node id: the page stays on WebSocket to them.
   * @returns {Record<string, string>}
   */
  nodeDataChannelErrors() {
    return Object.fromEntries(this.nodeChannelErrors);
  }

  /**
   * @private opens DataChannels to the home nodes this page has WebSocket links to, one after the
   * other; a node that gives none is remembered with why, and the page logs it and stays on WebSocket
   */
  async openHomeNodeChannels() {
    for (const home of this.closestKnown(this.id, HOME_NODES)) {
      const link = this.openLinks.get(home.address);
      if (!link?.isOpen || this.nodeChannelErrors.has(home.nodeId)) continue;
      try {
        const opened = await this.connectNode(home.nodeId);
        console.info(`kadmesh: DataChannel to node ${home.nodeId} open in ${opened.openMs} ms; asking it over WebRTC`);
      } catch (e) {
        this.nodeChannelErrors.set(home.nodeId, e.message);
        console.info(`kadmesh: staying on WebSocket to node ${home.nodeId}: ${e.message}`);
      }
    }
  }

  /**
   * Sends a DHT request to the browser `peerId` over its DataChannel and resolves with the reply.
   * @param {string} peerId @param {string} type `ping`, `find_node`, ... @param {object} [fields]
   */
  async peerRequest(peerId, type, fields = {}) {
    const link = this.peers.links.get(String(peerId).toLowerCase());
    if (!link?.isOpen) throw new RequestError('closed', `no DataChannel to ${peerId}: connectPeer first`);
    return link.request(type, fields);
  }

  /** Signals this page refused: for no session of its own, or from a peer other than the session's. */
  get refusedSignals() {
    return this.peers.refusedSignals;
  }

  /**
   * The k nodes closest to `target`, by an iterative lookup.
   * @param {string} target 40 hex digits @returns {Promise<LookupResult>}
   */
  async findNode(target) {
    if (!isId(target)) throw new TypeError('target must be 40 hex digits');
    const { closest, failed, hops, durationMs } = await this.lookup(target.toLowerCase(), false);
    return { closest: closest.map((c) => ({ nodeId: c.nodeId, url: c.address })), failed, hops, durationMs };
  }

  /**
   * Publishes `value` (any JSON) under `key`, signed by this browser, on the k nodes closest to the
   * key's id (its SHA-1, as the REST API derives it). Resolves with how many took it; rejects when
   * none did, with their reasons.
   * @param {string} key @param {unknown} value @returns {Promise<{key: string, replicas: number}>}
   */
  async put(key, value) {
    const id = await keyId(key);
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('value must be JSON');
    const now = Date.now();
    const seq = Math.max((this.lastSeq.get(id) ?? 0) + 1, now);
    this.lastSeq.set(id, seq);
    const record = await signRecord(this.identity, id, text, seq, now);
    const { closest } = await this.lookup(id, false);
    const outcomes = await Promise.allSettled(closest.map((c) => this.ask(c, 'store', record)));
    const replicas = outcomes.filter((o) => o.status === 'fulfilled' && o.value.type === 'stored').length;
    if (replicas === 0) {
      const reasons = [...new Set(outcomes.map((o) => (o.status === 'rejected' ? o.reason.message : o.value.type)))];
      throw new Error(`no node stored '${key}': ${reasons.join('; ') || 'no node found'}`);
    }
    return { key, replicas };
  }

  /**
   * The value published under `key`, or undefined when no node holds a sound record of it.
   * @param {string} key @returns {Promise<unknown>}
   */
  async get(key) {
    const found = (await this.lookup(await keyId(key), true)).value;
    if (!found) return undefined;
    try {
      return JSON.parse(found.value);
    } catch {
      return found.value;
    }
  }

  /**
   * The pubsub channel `name` (docs/pubsub.md): the one its record names, found by a value lookup of
   * its key, or, when there is none, a new one whose record this page signs and puts. Rejects when the
   * key holds a record that is not this channel's.
   * @param {string} name 1 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit
   * @returns {Promise<{name: string, createdAt: string, creator: string, created: boolean}>}
   */
  async createChannel(name) {
    checkName(name);
    const found = async () => (await this.lookup(await channelKey(name), true)).value;
    const existing = await found();
    if (existing) return channelIn(name, existing);
    const value = channelValue(name);
    try {
      await this.put(channelRecordKey(name), value);
    } catch (e) {
      // another creator's record reached the nodes first: theirs is the channel
      const theirs = await found();
      if (theirs) return channelIn(name, theirs);
      throw e;
    }
    return { name, createdAt: value.createdAt, creator: this.id, created: true };
  }

  /**
   * Subscribes to the channel `name` through one of this page's home nodes; resolves once that node
   * says how many of the channel's roots took the subscription (0: none yet). `onMessage` gets each
   * message once: `{id, publisher, data, publishedAt}` (milliseconds). Should that node's link close,
   * the page subscribes again through another from the last message it got.
   * @param {string} name @param {(m: {id: string, publisher: string, data: string, publishedAt: number}) => void} onMessage
   * @returns {Promise<{roots: number}>}
   */
  subscribe(name, onMessage) {
    return this.pubsub.subscribe(name, onMessage);
  }

  /** Ends the subscription to the channel `name`. @param {string} name @returns {Promise<void>} */
  unsubscribe(name) {
    return this.pubsub.unsubscribe(name);
  }

  /**
   * Publishes `data` (at most 16 KiB of UTF-8) on the channel `name`, signed by this page; resolves
   * with the message's id once a node checked it and took it to the channel's roots.
   * @param {string} name @param {string} data @returns {Promise<string>}
   */
  publish(name, data) {
    return this.pubsub.publish(name, data);
  }

  /** Closes every link. */
  async close() {
    this.pubsub.close();
    const links = await Promise.all([...this.links.values()].map((p) => p.catch(() => null)));
    links.forEach((l) => l?.close());
    this.links.clear();
    this.openLinks.clear();
    this.peers.close();
  }

  /**
   * The iterative lookup of the paper: ask the alpha closest not yet asked, learn from their
   * answers, until the k closest that answered have all been asked. With `wantValue`, it asks for the
   * value and ends at the first sound record.
   * @private
   */
  async lookup(target, wantValue) {
    const started = performance.now();
    const order = byDistanceTo(target);
    /** @type {Map<string, {contact: Contact, hop: number, state: string}>} */
    const shortlist = new Map();
    const add = (contact, hop) => {
      if (contact.nodeId !== this.id && !shortlist.has(contact.nodeId)) shortlist.set(contact.nodeId, { contact, hop, state: 'new' });
    };
    this.closestKnown(target, K).forEach((c) => add(c, 1));
    const inFlight = new Set();
    let value = null;
    while (!value) {
      const top = [...shortlist.values()].filter((e) => e.state !== 'failed')
        .sort((a, b) => order(a.contact, b.contact)).slice(0, K);
      for (const entry of top.filter((e) => e.state === 'new').slice(0, ALPHA - inFlight.size)) {
        entry.state = 'asking';
        const query = this.query(entry, target, wantValue, add).then((found) => {
          value ??= found;
        }).finally(() => inFlight.delete(query));
        inFlight.add(query);
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
    const answered = [...shortlist.values()].filter((e) => e.state === 'answered')
      .sort((a, b) => order(a.contact, b.contact)).slice(0, K);
    return {
      closest: answered.map((e) => e.contact),
      failed: [...shortlist.values()].filter((e) => e.state === 'failed')
        .map((e) => ({ nodeId: e.contact.nodeId, url: e.contact.address, error: e.error ?? 'unsound value' })),
      hops: answered.reduce((most, e) => Math.max(most, e.hop), 0),
      durationMs: Math.round(performance.now() - started),
      value,
    };
  }

  /** @private asks one node of a lookup; resolves with a sound record it holds, or null */
  async query(entry, target, wantValue, add) {
    try {
      const reply = await this.ask(entry.contact, wantValue ? 'find_value' : 'find_node',
        wantValue ? { key: target } : { target });
      if (reply.type === 'value') {
        entry.state = await isSound(reply, target, Date.now()) ? 'answered' : 'failed';
        return entry.state === 'answered' ? reply : null;
      }
      if (reply.type !== 'nodes' || !Array.isArray(reply.nodes)) throw new Error(`unexpected ${reply.type}`);
      for (const node of reply.nodes.slice(0, 64)) {
        if (this.learn(node)) add({ nodeId: node.nodeId.toLowerCase(), address: node.address }, entry.hop + 1);
      }
      entry.state = 'answered';
    } catch (e) {
      entry.state = 'failed';
      entry.error = e.message;
    }
    return null;
  }

  /**
   * @private sends a request to `contact` over its link, which must prove to be that node: its
   * DataChannel when one is open, else its WebSocket link
   */
  async ask(contact, type, fields) {
    const channel = this.peers.links.get(contact.nodeId);
    const link = channel?.isOpen && channel.transport === 'webrtc' ? channel : await this.link(contact.address);
    if (link.peer.nodeId !== contact.nodeId) {
      throw new RequestError('wrong_peer', `${contact.address} is node ${link.peer.nodeId}, not ${contact.nodeId}`);
    }
    return link.request(type, fields);
  }

  /** @private the open link to `url`, dialed first when there is none */
  link(url) {
    const known = this.links.get(url);
    if (known) return known;
    this.trimLinks();
    const opening = Link.open(url, this.identity, {
      answer: (link, message) => this.answer(message),
      signal: (link, message) => this.signaled(link, message),
      closed: (link) => {
        if (this.links.get(url) === opening) this.links.delete(url);
        if (this.openLinks.get(url) === link) this.openLinks.delete(url);
        this.pubsub.linkClosed(link);
      },
      timeoutMs: this.timeoutMs,
    });
    opening.then((link) => this.openLinks.set(url, link), () => this.links.delete(url));
    this.links.set(url, opening);
    return opening;
  }

  /**
   * @private links to the nodes closest to `peerId` in the DHT, nearest first: a browser's join links
   * it to the nodes closest to its own id, so they are where it can be signaled
   */
  async linksNear(peerId) {
    const { closest } = await this.lookup(peerId, false);
    const links = await Promise.all(closest.slice(0, HOME_NODES).map((c) => this.link(c.address).catch(() => null)));
    return links.filter((l) => l?.isOpen);
  }

  /**
   * @private closes the least recently used links beyond the limit; never those to the nodes closest to
   * this page's own id, through which other browsers signal it
   */
  async trimLinks() {
    if (this.links.size < MAX_LINKS) return;
    const home = new Set(this.closestKnown(this.id, HOME_NODES).map((c) => c.nodeId));
    const open = (await Promise.all([...this.links.values()].map((p) => p.catch(() => null))))
      .filter((l) => l && l.pending.size === 0 && !home.has(l.peer.nodeId)).sort((a, b) => a.lastUsed - b.lastUsed);
    open.slice(0, this.links.size - MAX_LINKS + 1).forEach((l) => l.close(1000, 'idle'));
  }

  /**
   * @private the open links to nodes, for pubsub: to the home nodes first, each over its DataChannel
   * before its WebSocket; when none is open, the home nodes dialed again
   */
  async nodeLinks() {
    const home = this.closestKnown(this.id, HOME_NODES);
    const links = [];
    const add = (link) => {
      if (link?.isOpen && !links.includes(link)) links.push(link);
    };
    for (const contact of home) {
      const channel = this.peers.links.get(contact.nodeId);
      if (channel?.transport === 'webrtc') add(channel);
      add(this.openLinks.get(contact.address));
    }
    this.openLinks.forEach(add);
    if (links.length === 0) {
      for (const contact of home) add(await this.link(contact.address).catch(() => null));
    }
    return links;
  }

  /** @private keeps a contact a node named, if it can be dialed; returns whether it is well formed */
  learn(contact) {
    if (!isId(contact?.nodeId) || typeof contact.address !== 'string' || !/^wss?:\/\/[^\s]{1,250}$/.test(contact.address)) {
      return false;
    }
    const nodeId = contact.nodeId.toLowerCase();
    if (nodeId === this.id) return false;
    this.contacts.set(nodeId, { nodeId, address: contact.address });
    if (this.contacts.size > MAX_CONTACTS) {
      const farthest = [...this.contacts.values()].sort(byDistanceTo(this.id)).pop();
      this.contacts.delete(farthest.nodeId);
    }
    return true;
  }

  /** @private the contacts this client knows closest to `target` */
  closestKnown(target, count) {
    return [...this.contacts.values()].sort(byDistanceTo(target)).slice(0, count);
  }

  /**
   * @private answers a node's request: as any peer for ping and lookups; a browser keeps no replicas;
   * pubsub's `deliver` and `subscribed` from the node a subscription goes through
   */
  answer(message) {
    switch (message.type) {
      case 'ping':
        return { type: 'pong' };
      case 'find_node':
      case 'find_value': {
        const target = message.type === 'find_node' ? message.target : message.key;
        if (!isId(target)) return { type: 'error', code: 'invalid', message: 'target and key are 40 hex digits' };
        return { type: 'nodes', nodes: this.closestKnown(target.toLowerCase(), 2 * K) };
      }
      case 'store':
        return { type: 'error', code: 'refused', message: 'a browser keeps no replicas' };
      case 'service':
        if (message.service === 'pubsub') return this.pubsub.answer(message);
        return { type: 'error', code: 'refused', message: `a browser offers no service '${String(message.service).slice(0, 32)}'` };
      default:
        return { type: 'error', code: 'unknown_type', message: `unknown message type: '${String(message.type).slice(0, 40)}'` };
    }
  }
}

/** @param {string} key @returns {Promise<string>} the id a key is stored under: SHA-1 of its UTF-8 */
async function keyId(key) {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new TypeError(`a key is 1..${MAX_KEY_LENGTH} characters`);
  }
  return sha1Hex(utf8(key));
}
