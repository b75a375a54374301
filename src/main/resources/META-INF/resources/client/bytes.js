// Bytes, hex, base64, ids and XOR distance: the small vocabulary every other module speaks.

/** Node ids and keys are 160 bits: 20 bytes, 40 hex digits. */
export const ID_BYTES = 20;

const encoder = new TextEncoder();

/** @param {string} text @returns {Uint8Array} the UTF-8 bytes of `text` */
export function utf8(text) {
  return encoder.encode(text);
}

/** @param {Uint8Array} bytes @returns {string} lowercase hex */
export function toHex(bytes) {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** @param {string} hex an even number of hex digits @returns {Uint8Array} */
export function fromHex(hex) {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`not hex: ${String(hex).slice(0, 48)}`);
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
  return bytes;
}

/** @param {unknown} value @returns {value is string} whether `value` is 40 hex digits, a node id */
export function isId(value) {
  return typeof value === 'string' && /^[0-9a-fA-F]{40}$/.test(value);
}

/** @param {Uint8Array} bytes @returns {string} base64 with padding */
export function toBase64(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * @param {unknown} text base64 that must decode to exactly `length` bytes
 * @param {number} length
 * @returns {Uint8Array | null} the bytes, or null when `text` is not that
 */
export function fromBase64(text, length) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const binary = atob(text);
  if (binary.length !== length) return null;
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** @param {...Uint8Array} parts @returns {Uint8Array} the parts one after the other */
export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** @param {Uint8Array} bytes @returns {Promise<string>} the SHA-1 digest of `bytes` as 40 hex digits */
export async function sha1Hex(bytes) {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-1', bytes)));
}

/** @param {string} a @param {string} b node ids @returns {bigint} their XOR distance */
export function distance(a, b) {
  return BigInt('0x' + a) ^ BigInt('0x' + b);
}

/** @param {string} target @returns {(a: {nodeId: string}, b: {nodeId: string}) => number} nearest to `target` first */
export function byDistanceTo(target) {
  return (a, b) => {
    const da = distance(a.nodeId, target);
    const db = distance(b.nodeId, target);
    return da < db ? -1 : da > db ? 1 : 0;
  };
}
