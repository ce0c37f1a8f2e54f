import { AuthorCrypto } from './author-crypto';
import { ADJECTIVES, NOUNS } from './pseudonym-words';

describe('AuthorCrypto', () => {
  const crypto = new AuthorCrypto('a-server-secret-of-enough-length-0123456789');
  const key = AuthorCrypto.newKey();
  const hash = AuthorCrypto.keyHash(key);

  it('makes 32-byte base64url keys and recognises only well-formed ones', () => {
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(AuthorCrypto.isWellFormed(key)).toBe(true);
    for (const bad of ['', 'abc', `${key}x`, key.replace(/.$/, '+'), undefined, null]) expect(AuthorCrypto.isWellFormed(bad)).toBe(false);
  });

  it('derives tokens and pseudonyms per section, stable for one author', () => {
    expect(crypto.sectionToken(hash, 's1').equals(crypto.sectionToken(hash, 's1'))).toBe(true);
    expect(crypto.sectionToken(hash, 's1').equals(crypto.sectionToken(hash, 's2'))).toBe(false);
    expect(crypto.pseudonym(hash, 's1')).toBe(crypto.pseudonym(hash, 's1'));
    const names = new Set(Array.from({ length: 20 }, (_, i) => crypto.pseudonym(hash, `s${i}`)));
    expect(names.size).toBeGreaterThan(15);
  });

  it('depends on the server secret', () => {
    const other = new AuthorCrypto('another-server-secret-of-enough-length-xyz');
    expect(other.sectionToken(hash, 's1').equals(crypto.sectionToken(hash, 's1'))).toBe(false);
  });

  it('seals with a fresh nonce and opens only with the same secret', () => {
    const a = crypto.seal(hash);
    const b = crypto.seal(hash);
    expect(a.equals(b)).toBe(false);
    expect(crypto.open(a).equals(hash)).toBe(true);
    expect(() => new AuthorCrypto('another-server-secret-of-enough-length-xyz').open(a)).toThrow();
  });

  it('never hands out a nonce twice, across refills of its block of random bytes', () => {
    const sealed = Array.from({ length: 1000 }, () => crypto.seal(hash));
    const nonces = new Set(sealed.map((s) => s.subarray(0, 12).toString('hex')));
    expect(nonces.size).toBe(sealed.length);
    expect(nonces.has('00'.repeat(12))).toBe(false);
    for (const s of sealed) expect(crypto.open(s).equals(hash)).toBe(true);
  });

  it('uses gentle, unique words', () => {
    expect(new Set(ADJECTIVES).size).toBe(ADJECTIVES.length);
    expect(new Set(NOUNS).size).toBe(NOUNS.length);
    const unkind = /lonely|broken|lost|cold|sad|weak|crazy|dumb|fool|pig|snake|rat/i;
    for (const word of [...ADJECTIVES, ...NOUNS]) expect(word).not.toMatch(unkind);
  });
});
