// The browser's own Ed25519 identity (WebCrypto), kept in IndexedDB so that a page keeps its node id
// across reloads. The private key is not extractable: the page can sign with it, never read it.

import { sha1Hex } from './bytes.js';

const DATABASE = 'kadmesh';
const STORE = 'identity';
const ENTRY = 'ed25519';

/**
 * A signing identity. `id` is the node id: the SHA-1 digest of the raw 32-byte public key, as for nodes.
 */
export class Identity {
  /**
   * @param {CryptoKey} privateKey
   * @param {Uint8Array} publicKey the raw 32 bytes
   * @param {string} id 40 lowercase hex digits
   */
  constructor(privateKey, publicKey, id) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.id = id;
  }

  /** @param {Uint8Array} bytes @returns {Promise<Uint8Array>} the 64-byte Ed25519 signature of `bytes` */
  async sign(bytes) {
    return new Uint8Array(await crypto.subtle.sign('Ed25519', this.privateKey, bytes));
  }

  /**
   * The identity kept in this origin's IndexedDB, created there on first use; or, where the page may
   * not use IndexedDB (or `persist` is false), a fresh identity for this page only.
   * @param {{persist?: boolean}} [options]
   * @returns {Promise<Identity>}
   */
  static async load({ persist = true } = {}) {
    const db = persist ? await openDatabase().catch(() => null) : null;
    const kept = db ? await request(db.transaction(STORE).objectStore(STORE).get(ENTRY)).catch(() => null) : null;
    if (kept) return Identity.of(kept.privateKey, new Uint8Array(kept.publicKey));
    const pair = /** @type {CryptoKeyPair} */ (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']));
    const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    if (db) {
      const put = db.transaction(STORE, 'readwrite').objectStore(STORE).put({ privateKey: pair.privateKey, publicKey }, ENTRY);
      await request(put).catch(() => undefined);
    }
    return Identity.of(pair.privateKey, publicKey);
  }

  /** @param {CryptoKey} privateKey @param {Uint8Array} publicKey @returns {Promise<Identity>} */
  static async of(privateKey, publicKey) {
    return new Identity(privateKey, publicKey, await sha1Hex(publicKey));
  }
}

/**
 * Whether `signature` is `publicKey`'s Ed25519 signature of `bytes`.
 * @param {Uint8Array} publicKey raw 32 bytes @param {Uint8Array} bytes @param {Uint8Array} signature
 * @returns {Promise<boolean>}
 */
export async function verify(publicKey, bytes, signature) {
  try {
    const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify('Ed25519', key, signature, bytes);
  } catch {
    return false;
  }
}

/** @returns {Promise<IDBDatabase>} */
function openDatabase() {
  const open = indexedDB.open(DATABASE, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

/** @template T @param {IDBRequest<T>} req @returns {Promise<T>} */
function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
