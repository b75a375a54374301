// Signed records (docs/protocol.md, "Signed records"): what a browser publishes and what it believes.

import { concat, fromBase64, fromHex, isId, sha1Hex, toBase64, utf8 } from './bytes.js';
import { verify } from './identity.js';

/** How long a record lives: the nodes' default tExpire, 24 hours. */
export const RECORD_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** The longest value a node accepts by default, in UTF-16 code units. */
export const MAX_VALUE_LENGTH = 65536;
const LABEL = concat(utf8('kadmesh-record-v1'), new Uint8Array([0]));

/**
 * The bytes a record's signature covers.
 * @param {{key: string, publisher: string, publicKey: Uint8Array, seq: number, expiresAt: number, value: string}} r
 */
function signedBytes(r) {
  return signedLayout(LABEL, r.key, r.publisher, r.publicKey, r.seq, r.expiresAt, r.value);
}

/**
 * The layout of a record's signed bytes, which pubsub messages share under a label of their own:
 * `label`; `key` (20 bytes); `publisher` (20); the raw public key (32); `seq` and `time` (8 bytes
 * each, big-endian); the length of `text` in UTF-16 code units (4) and `text` as UTF-16BE.
 * @param {Uint8Array} label @param {string} key 40 hex digits @param {string} publisher 40 hex digits
 * @param {Uint8Array} publicKey @param {number} seq @param {number} time milliseconds @param {string} text
 * @returns {Uint8Array}
 */
export function signedLayout(label, key, publisher, publicKey, seq, time, text) {
  const numbers = new DataView(new ArrayBuffer(20));
  numbers.setBigUint64(0, BigInt(seq));
  numbers.setBigUint64(8, BigInt(time));
  numbers.setUint32(16, text.length);
  const units = new DataView(new ArrayBuffer(2 * text.length));
  for (let i = 0; i < text.length; i++) units.setUint16(2 * i, text.charCodeAt(i));
  return concat(label, fromHex(key), fromHex(publisher), publicKey, new Uint8Array(numbers.buffer),
    new Uint8Array(units.buffer));
}

/**
 * A record of `value` under `key`, signed by `identity`: the fields of a `store` message.
 * @param {import('./identity.js').Identity} identity @param {string} key 40 hex digits
 * @param {string} value @param {number} seq @param {number} now milliseconds since the epoch
 */
export async function signRecord(identity, key, value, seq, now) {
  if (value.length > MAX_VALUE_LENGTH) {
    throw new Error(`value is ${value.length} characters, the limit is ${MAX_VALUE_LENGTH}`);
  }
  const record = { key, value, publisher: identity.id, publicKey: identity.publicKey, seq, expiresAt: now + RECORD_LIFETIME_MS };
  const signature = await identity.sign(signedBytes(record));
  return { ...record, publicKey: toBase64(identity.publicKey), signature: toBase64(signature) };
}

/**
 * Whether a `value` message carries a record a holder would keep for `key`: its publisher is the
 * digest of its key, its signature verifies, and it has not expired.
 * @param {any} message @param {string} key @param {number} now
 * @returns {Promise<boolean>}
 */
export async function isSound(message, key, now) {
  const publicKey = fromBase64(message.publicKey, 32);
  const signature = fromBase64(message.signature, 64);
  if (!publicKey || !signature || typeof message.value !== 'string' || !isId(message.publisher)
      || typeof message.key !== 'string' || message.key.toLowerCase() !== key
      || !Number.isSafeInteger(message.seq) || !Number.isSafeInteger(message.expiresAt) || message.expiresAt <= now) {
    return false;
  }
  if (await sha1Hex(publicKey) !== message.publisher.toLowerCase()) return false;
  const record = { ...message, key, publisher: message.publisher.toLowerCase(), publicKey };
  return verify(publicKey, signedBytes(record), signature);
}
