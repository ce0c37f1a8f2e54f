import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';
import { ADJECTIVES, NOUNS } from './pseudonym-words';

/**
 * Everything Steady derives from an author key. See docs/decisions/005-anonymity.md.
 *
 * The key (32 random bytes, base64url) lives only in the author's browser. The server
 * hashes it on arrival and never stores the key or that plain hash: whatever reaches the
 * database is keyed with the server secret (which lives outside the database) and, for
 * post ownership, also with the section, so a copy of the database cannot group one
 * author's posts across threads.
 */
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * GCM nonces, 12 random bytes each, cut from a block of random bytes filled 256 nonces at a time:
 * one call into the system's random source per 256 posts instead of one per post (issue 15: the
 * call was ~1% of a post's CPU). Every slice is handed out once and copied, so no nonce repeats
 * (beyond the chance of two random 96-bit values meeting, as before).
 */
const NONCE_BYTES = 12;
const nonces = Buffer.alloc(NONCE_BYTES * 256);
let nextNonce = nonces.length;

function freshNonce(): Buffer {
  if (nextNonce === nonces.length) {
    randomFillSync(nonces);
    nextNonce = 0;
  }
  const nonce = Buffer.from(nonces.subarray(nextNonce, nextNonce + NONCE_BYTES));
  nonces.fill(0, nextNonce, nextNonce + NONCE_BYTES);
  nextNonce += NONCE_BYTES;
  return nonce;
}

export class AuthorCrypto {
  private readonly tokenKey: Buffer;
  private readonly pseudonymKey: Buffer;
  private readonly sealKey: Buffer;
  private readonly banKey: Buffer;
  private readonly issuedKey: Buffer;

  constructor(serverSecret: string) {
    const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', serverSecret, 'steady', purpose, 32));
    this.tokenKey = derive('author-token');
    this.pseudonymKey = derive('pseudonym');
    this.sealKey = derive('author-seal');
    this.banKey = derive('ban');
    this.issuedKey = derive('issued-key');
  }

  static newKey(): string {
    return randomBytes(32).toString('base64url');
  }

  static isWellFormed(key: string | undefined | null): key is string {
    return typeof key === 'string' && KEY_PATTERN.test(key);
  }

  /** The plain hash: held in memory for a request, never written anywhere. */
  static keyHash(key: string): Buffer {
    return createHash('sha256').update(key).digest();
  }

  /** Per-section author token: what a post stores to say who may edit it. */
  sectionToken(keyHash: Buffer, sectionId: string): Buffer {
    return createHmac('sha256', this.tokenKey).update(keyHash).update(sectionId).digest();
  }

  /** The n-th candidate pseudonym of an author in a section (n > 0 only on a collision). */
  pseudonym(keyHash: Buffer, sectionId: string, attempt = 0): string {
    const mac = createHmac('sha256', this.pseudonymKey).update(keyHash).update(sectionId).update(String(attempt)).digest();
    return `${ADJECTIVES[mac.readUInt16BE(0) % ADJECTIVES.length]} ${NOUNS[mac.readUInt16BE(2) % NOUNS.length]}`;
  }

  /** Ban-list entry for a key: keyed, so the list cannot be matched against posts. */
  banHash(keyHash: Buffer): Buffer {
    return createHmac('sha256', this.banKey).update(keyHash).digest();
  }

  /** Registry entry of a key Steady issued: keyed and unrelated to the ban list and the section tokens. */
  issuedHash(keyHash: Buffer): Buffer {
    return createHmac('sha256', this.issuedKey).update(keyHash).digest();
  }

  /** A per-post sealed reference to the author (AES-256-GCM, fresh nonce): only the server can open it. */
  seal(keyHash: Buffer): Buffer {
    const nonce = freshNonce();
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, nonce);
    const body = Buffer.concat([cipher.update(keyHash), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  }

  open(sealed: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
  }
}
