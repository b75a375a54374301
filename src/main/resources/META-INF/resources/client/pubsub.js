// Pubsub channels from the browser (docs/pubsub.md, "Wire"): a page subscribes, unsubscribes and
// publishes through one node it is linked to, in `service` requests of service `pubsub`; that node
// sends it `subscribed` and `deliver` the same way. The page signs its own messages, checks the ones
// delivered to it, and hands each to its subscriber once.

import { concat, fromBase64, fromHex, isId, sha1Hex, toBase64, utf8 } from './bytes.js';
import { verify } from './identity.js';
import { signedLayout } from './records.js';

/** Longest `data` of a message, in bytes of UTF-8. */
export const MAX_DATA_BYTES = 16 * 1024;
/** Message ids remembered per channel, to hand each message to the subscriber once. */
export const REMEMBERED_IDS = 1024;
/** The `kind` of a channel's record value. */
export const CHANNEL_KIND = 'kadmesh.channel';
const SERVICE = 'pubsub';
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const LABEL = concat(utf8('kadmesh-pubsub-v1'), new Uint8Array([0]));
/** The first wait before a subscription whose node link closed is tried again, when no link is open. */
const RETRY_MS = 1000;

/**
 * A message as a subscriber gets it; `publishedAt` in milliseconds since the epoch.
 * @typedef {{id: string, publisher: string, data: string, publishedAt: number}} Delivered
 * @typedef {import('./link.js').Link} Link
 */

/** @param {unknown} name @returns {string} `name`, when it may name a channel; a TypeError saying why not */
export function checkName(name) {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new TypeError('a channel name is 1 to 64 characters of a-z, 0-9, \'.\', \'_\' and \'-\', starting'
      + ` with a letter or a digit, not ${JSON.stringify(String(name).slice(0, 80))}`);
  }
  return name;
}

/** @param {string} name @returns {Promise<string>} the key of the channel's record: SHA-1 of "channel:" + name */
export function channelKey(name) {
  return sha1Hex(utf8('channel:' + name));
}

/** The DHT key (as `put` and `get` take keys) that `channelKey(name)` is the id of. */
export function channelRecordKey(name) {
  return 'channel:' + name;
}

/** @param {string} name @returns {{kind: string, name: string, createdAt: string}} a new channel's record value */
export function channelValue(name) {
  return { kind: CHANNEL_KIND, name, createdAt: new Date().toISOString() };
}

/**
 * The channel a record found at its key holds; an Error saying why when it is no record of channel `name`.
 * @param {string} name @param {{value: string, publisher: string}} record a sound record at the channel's key
 * @returns {{name: string, createdAt: string, creator: string, created: false}}
 */
export function channelIn(name, record) {
  let value = null;
  try {
    value = JSON.parse(record.value);
  } catch {
    // not JSON: refused below
  }
  const creator = record.publisher.toLowerCase();
  if (value?.kind !== CHANNEL_KIND || value.name !== name) {
    throw new Error(`channel '${name}' cannot be created: its key holds a record of ${creator} that is not this channel's`);
  }
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) {
    throw new Error(`channel '${name}' has a record of ${creator} whose createdAt is no ISO-8601 time`);
  }
  return { name, createdAt: value.createdAt, creator, created: false };
}

/** @param {unknown} data @returns {string} `data`, when a message may carry it; a TypeError saying why not */
export function checkData(data) {
  if (typeof data !== 'string') throw new TypeError('message data is a string');
  const bytes = data.length * 3 > MAX_DATA_BYTES ? utf8(data).length : data.length;
  if (bytes > MAX_DATA_BYTES) throw new RangeError(`message data is ${bytes} bytes of UTF-8, the limit is ${MAX_DATA_BYTES}`);
  return data;
}

/**
 * A message of `data` on channel `name`, number `seq` of `identity`'s, signed by it: the wire's object.
 * @param {import('./identity.js').Identity} identity @param {string} name @param {number} seq
 * @param {number} publishedAt milliseconds since the epoch @param {string} data
 */
export async function signMessage(identity, name, seq, publishedAt, data) {
  const key = await channelKey(name);
  const signature = await identity.sign(signedLayout(LABEL, key, identity.id, identity.publicKey, seq, publishedAt, data));
  return { channel: name, publisher: identity.id, publicKey: toBase64(identity.publicKey), seq, publishedAt, data,
    signature: toBase64(signature) };
}

/** @param {{channel: string, publisher: string, seq: number}} m @returns {Promise<string>} the message's id */
export async function messageId(m) {
  const seq = new DataView(new ArrayBuffer(8));
  seq.setBigUint64(0, BigInt(m.seq));
  return sha1Hex(concat(fromHex(await channelKey(m.channel)), fromHex(m.publisher.toLowerCase()), new Uint8Array(seq.buffer)));
}

/**
 * Whether a delivered message is sound: well formed, its publisher the digest of its key, its signature valid.
 * @param {any} m @returns {Promise<boolean>}
 */
export async function isSoundMessage(m) {
  const publicKey = fromBase64(m?.publicKey, 32);
  const signature = fromBase64(m?.signature, 64);
  if (!publicKey || !signature || typeof m.channel !== 'string' || !NAME.test(m.channel) || !isId(m.publisher)
      || typeof m.data !== 'string' || !Number.isSafeInteger(m.seq) || m.seq < 0
      || !Number.isSafeInteger(m.publishedAt) || m.publishedAt < 0) {
    return false;
  }
  const publisher = m.publisher.toLowerCase();
  if (await sha1Hex(publicKey) !== publisher) return false;
  const signed = signedLayout(LABEL, await channelKey(m.channel), publisher, publicKey, m.seq, m.publishedAt, m.data);
  return verify(publicKey, signed, signature);
}

/** A page's subscriptions and publishing, over its links to nodes. */
export class Pubsub {
  /**
   * @param {import('./identity.js').Identity} identity
   * @param {() => Promise<Link[]>} nodeLinks open links to nodes, home nodes first, to subscribe and publish through
   * @param {{subscribedTimeoutMs?: number, publishedTimeoutMs?: number}} [options] the waits for a node's
   *   `subscribed` and `published` (15 s each)
   */
  constructor(identity, nodeLinks, options = {}) {
    this.identity = identity;
    this.nodeLinks = nodeLinks;
    this.subscribedTimeoutMs = options.subscribedTimeoutMs ?? 15000;
    this.publishedTimeoutMs = options.publishedTimeoutMs ?? 15000;
    /**
     * @type {Map<string, {node: string, settle: (error: Error | null) => void}>} messages published
     *   through a node that has not yet said whether a root took them, by id
     */
    this.publishing = new Map();
    /**
     * @type {Map<string, {onMessage: (m: Delivered) => void, link: Link | null, roots: number | null,
     *   lastId: string | null, seen: Set<string>, queue: Promise<void>, attempt: number, resubscribed: number,
     *   confirmation: {resolve: (roots: number) => void, reject: (e: Error) => void}}>}
     *   `link`, the link it went through; `roots`, how many roots took it, as its node last said;
     *   `lastId`, the last message handed on; `resubscribed`, how often it was made again
     */
    this.subscriptions = new Map();
    /** @type {Map<string, number>} the last `seq` this page published, by channel */
    this.lastSeq = new Map();
    /** Messages dropped as unsound, and `deliver` requests from no node a subscription goes through. */
    this.refused = 0;
    this.closed = false;
  }

  /**
   * Subscribes to channel `name` through one node link; resolves once the node says how many of the
   * channel's roots took the subscription (0: none yet, the node keeps trying).
   * @param {string} name @param {(m: Delivered) => void} onMessage @returns {Promise<{roots: number}>}
   */
  async subscribe(name, onMessage) {
    checkName(name);
    if (typeof onMessage !== 'function') throw new TypeError('onMessage must be a function');
    if (this.subscriptions.has(name)) throw new Error(`already subscribed to '${name}': unsubscribe first`);
    const sub = { onMessage, link: null, roots: null, lastId: null, seen: new Set(), queue: Promise.resolve(),
      attempt: 0, resubscribed: 0, confirmation: null };
    // the first `subscribed` from the node the subscription goes through, whichever attempt reached it
    const confirmed = new Promise((resolve, reject) => { sub.confirmation = { resolve, reject }; });
    confirmed.catch(() => undefined);
    this.subscriptions.set(name, sub);
    let timer;
    try {
      await this.subscribeThrough(name, sub, await this.nodeLinks());
      const late = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`node ${sub.link?.peer.nodeId} took the subscription to '${name}'`
          + ` but did not confirm it within ${this.subscribedTimeoutMs} ms`)), this.subscribedTimeoutMs);
      });
      return { roots: await Promise.race([confirmed, late]) };
    } catch (e) {
      if (this.subscriptions.get(name) === sub) await this.unsubscribe(name);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the subscription to `name`, if there is one. @param {string} name @returns {Promise<void>} */
  async unsubscribe(name) {
    checkName(name);
    const sub = this.subscriptions.get(name);
    if (!sub) return;
    this.subscriptions.delete(name);
    sub.confirmation.reject(new Error(`unsubscribed from '${name}' before a node confirmed the subscription`));
    // should the node not hear this, it drops the page at its next delivery, which the page refuses
    if (sub.link?.isOpen) {
      await this.ask(sub.link, { op: 'unsubscribe', channel: name })
        .catch((e) => console.info(`kadmesh: unsubscribe from '${name}' not confirmed: ${e.message}`));
    }
  }

  /**
   * Publishes `data` on channel `name`, signed by this page, through the first node link that takes
   * it; resolves with the message's id once the node says a root of the channel took it. A node that
   * does not say so in time, or says none did, is passed over for the next, with the same message:
   * roots and subscribers take a message id once.
   * @param {string} name @param {string} data @returns {Promise<string>}
   */
  async publish(name, data) {
    checkName(name);
    checkData(data);
    const now = Date.now();
    const last = this.lastSeq.get(name);
    const seq = last === undefined ? now * 1000 : last + 1;
    this.lastSeq.set(name, seq);
    const message = await signMessage(this.identity, name, seq, now, data);
    const id = await messageId(message);
    const failures = [];
    for (const link of await this.nodeLinks()) {
      const taken = this.rootTook(id, link);
      try {
        const reply = await this.ask(link, { op: 'publish', message });
        if (reply.id !== id) throw new Error(`node ${link.peer.nodeId} answered id ${reply.id}, not ${id}`);
        await taken.confirmed;
        return id;
      } catch (e) {
        taken.cancel();
        if (e.kind === 'remote_error') throw new Error(`publishing on '${name}' refused: ${e.message}`);
        failures.push(e.message);
      }
    }
    throw new Error(`no node took the message on '${name}': ${failures.join('; ') || 'no node link is open'}`);
  }

  /**
   * Waits for `link`'s node to say whether a root took message `id`: `confirmed` resolves when one
   * did, and rejects when none did or the node says nothing within `publishedTimeoutMs`.
   * @param {string} id @param {Link} link @returns {{confirmed: Promise<void>, cancel: () => void}}
   */
  rootTook(id, link) {
    let timer = null;
    const confirmed = new Promise((resolve, reject) => {
      this.publishing.set(id, {
        node: link.peer.nodeId,
        settle: (error) => {
          clearTimeout(timer);
          this.publishing.delete(id);
          if (error) reject(error); else resolve();
        },
      });
      timer = setTimeout(() => this.publishing.get(id)?.settle(new Error(`node ${link.peer.nodeId} took the message`
          + ` but did not say within ${this.publishedTimeoutMs} ms that a root has it`)), this.publishedTimeoutMs);
    });
    confirmed.catch(() => {}); // the caller awaits it only once the node took the message
    return { confirmed, cancel: () => { clearTimeout(timer); this.publishing.delete(id); } };
  }

  /**
   * Answers a pubsub request a node sent: `deliver`, `subscribed`, `published` and `publish_failed`.
   * @param {any} message a `service` request @returns {object} the reply's fields
   */
  answer(message) {
    let body = null;
    try {
      body = typeof message.body === 'string' ? JSON.parse(message.body) : null;
    } catch {
      // refused below
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return invalid('body must be a JSON object');
    // only the node a subscription goes through speaks for it: another is refused, and drops the page
    const channel = body.op === 'deliver' ? body.message?.channel : body.channel;
    const sub = typeof channel === 'string' ? this.subscriptions.get(channel) : undefined;
    const ours = sub?.link?.peer.nodeId === String(message.sender?.nodeId).toLowerCase();
    if (body.op === 'published' || body.op === 'publish_failed') {
      const pending = typeof body.id === 'string' ? this.publishing.get(body.id) : undefined;
      // only the node the message went through speaks for it
      if (pending && pending.node === String(message.sender?.nodeId).toLowerCase()) {
        pending.settle(body.op === 'published' ? null : new Error(`no root of '${String(channel).slice(0, 64)}' took`
            + ` the message: ${String(body.message).slice(0, 200)}`));
      }
      return reply({});
    }
    if (body.op === 'subscribed') {
      if (!Number.isSafeInteger(body.roots) || body.roots < 0) return invalid('field \'roots\' must be a whole number');
      if (ours) {
        sub.roots = body.roots;
        sub.confirmation.resolve(body.roots);
        if (sub.resubscribed > 0) console.info(`kadmesh: subscribed to '${channel}' again through ${sub.link.url}: ${body.roots} roots`);
      }
      return reply({});
    }
    if (body.op !== 'deliver') return invalid(`unknown pubsub op '${String(body.op).slice(0, 32)}' for a browser`);
    if (body.message === null || typeof body.message !== 'object') return invalid('field \'message\' must be a message object');
    if (!ours) {
      this.refused++;
      return { type: 'error', code: 'refused', message: `this page has no subscription to '${String(channel).slice(0, 64)}' through this node` };
    }
    const m = body.message;
    sub.queue = sub.queue.then(() => this.take(m, sub)).catch((e) => console.warn(`kadmesh: pubsub delivery: ${e.message}`));
    return reply({});
  }

  /**
   * A link to a node closed: subscriptions made through it are made again through another, from the
   * last message delivered, so that none is lost.
   * @param {Link} link
   */
  linkClosed(link) {
    for (const [name, sub] of this.subscriptions) {
      if (sub.link === link) {
        sub.resubscribed++;
        this.resubscribe(name, sub, RETRY_MS);
      }
    }
  }

  /** Ends every subscription here, without telling the nodes: they drop this page with its links. */
  close() {
    this.closed = true;
    for (const sub of this.subscriptions.values()) sub.confirmation.reject(new Error('the client closed'));
    this.subscriptions.clear();
  }

  /** @private hands a delivered message to the subscriber once, when it is sound */
  async take(m, sub) {
    if (!this.subscriptions.has(m.channel) || this.subscriptions.get(m.channel) !== sub) return;
    if (!isId(m.publisher) || !Number.isSafeInteger(m.seq)) {
      this.refused++;
      return;
    }
    const id = await messageId(m);
    if (sub.seen.has(id)) return;
    if (!(await isSoundMessage(m))) {
      this.refused++;
      console.warn(`kadmesh: dropped message ${id} on '${m.channel}': its signature or fields do not check out`);
      return;
    }
    sub.seen.add(id);
    if (sub.seen.size > REMEMBERED_IDS) sub.seen.delete(sub.seen.values().next().value);
    sub.lastId = id;
    try {
      sub.onMessage({ id, publisher: m.publisher.toLowerCase(), data: m.data, publishedAt: m.publishedAt });
    } catch (e) {
      console.error(`kadmesh: the subscriber of '${m.channel}' threw: ${e.message}`);
    }
  }

  /**
   * @private sends `subscribe` through the first of `links` that takes it, from the last message handed
   * on; the node confirms with `subscribed` later. Rejects when none takes it, when the node refuses,
   * or when a later attempt (`sub.attempt`) supersedes this one.
   */
  async subscribeThrough(name, sub, links, attempt = ++sub.attempt) {
    const failures = [];
    for (const link of links) {
      if (this.subscriptions.get(name) !== sub || sub.attempt !== attempt) throw new Error(`'${name}': superseded`);
      sub.link = link;
      try {
        await this.ask(link, { op: 'subscribe', channel: name, ...(sub.lastId ? { since: sub.lastId } : {}) });
        return;
      } catch (e) {
        if (e.kind === 'remote_error') throw new Error(`subscribing to '${name}' refused: ${e.message}`);
        failures.push(e.message);
      }
    }
    if (sub.attempt === attempt) sub.link = null;
    throw new Error(`no node took the subscription to '${name}': ${failures.join('; ') || 'no node link is open'}`);
  }

  /** @private subscribes again through another link; while none takes it, tries again, backing off to a minute */
  resubscribe(name, sub, delay) {
    if (this.closed || this.subscriptions.get(name) !== sub) return;
    const gone = sub.link;
    sub.link = null;
    sub.roots = null;
    const attempt = ++sub.attempt;
    this.nodeLinks()
      .then((links) => this.subscribeThrough(name, sub, links.filter((l) => l !== gone && l.isOpen), attempt))
      .catch((e) => {
        if (this.closed || this.subscriptions.get(name) !== sub || sub.attempt !== attempt) return;
        console.warn(`kadmesh: subscribing to '${name}' again failed, trying again in ${delay} ms: ${e.message}`);
        setTimeout(() => this.resubscribe(name, sub, Math.min(2 * delay, 60000)), delay);
      });
  }

  /** @private sends a pubsub request over `link`; resolves with the reply's body */
  async ask(link, body) {
    const answer = await link.request('service', { service: SERVICE, body: JSON.stringify(body) });
    if (answer.type !== 'service_reply' || typeof answer.body !== 'string') throw new Error(`unexpected ${answer.type} from ${link.url}`);
    return JSON.parse(answer.body);
  }
}

function reply(body) {
  return { type: 'service_reply', body: JSON.stringify(body) };
}

function invalid(message) {
  return { type: 'error', code: 'invalid', message };
}
