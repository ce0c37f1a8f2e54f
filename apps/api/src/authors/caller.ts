import { AuthorCrypto } from './author-crypto';

/**
 * Who is calling, as far as Steady may know: an author key's hash in memory for this
 * request, never more. A missing or malformed `X-Author-Key` reads as "no one".
 */
export class Caller {
  private readonly tokens = new Map<string, Buffer>();
  readonly keyHash: Buffer | null;

  constructor(
    private readonly crypto: AuthorCrypto,
    key: string | undefined,
    /** The client address, for keyless rate limits only: held in memory, never stored or logged. */
    readonly address: string,
  ) {
    this.hasMalformedKey = key !== undefined && key !== '' && !AuthorCrypto.isWellFormed(key);
    this.keyHash = AuthorCrypto.isWellFormed(key) ? AuthorCrypto.keyHash(key) : null;
  }

  readonly hasMalformedKey: boolean;

  /** This caller's author token in a section, or null without a key. */
  tokenFor(sectionId: string): Buffer | null {
    if (!this.keyHash) return null;
    let token = this.tokens.get(sectionId);
    if (!token) {
      token = this.crypto.sectionToken(this.keyHash, sectionId);
      this.tokens.set(sectionId, token);
    }
    return token;
  }

  owns(post: { sectionId: string; authorToken: Buffer }): boolean {
    const token = this.tokenFor(post.sectionId);
    return token !== null && token.equals(post.authorToken);
  }
}
