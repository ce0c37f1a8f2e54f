import { parse, type ExecutionResult } from 'graphql';
import { AuthorCrypto } from '../authors/author-crypto';
import { Caller } from '../authors/caller';
import { threadOverlay } from './live-overlay';

const crypto = new AuthorCrypto('a-secret-for-this-spec-only-that-is-long-enough-0123456789');
const reader = new Caller(crypto, AuthorCrypto.newKey(), '127.0.0.1');
const WEB = `subscription LiveThread($sectionId: ID!) { threadActivity(sectionId: $sectionId) { kind postId post { id mine parent { id } reactions { kind count } } } }`;
const never = () => Promise.reject(new Error('not expected to execute alone'));

function overlay(query: string, caller = reader, alone: (source: unknown) => Promise<ExecutionResult> = never) {
  return threadOverlay(parse(query), undefined, caller, alone);
}

function event(authorToken: Buffer, parentId: string | null = null) {
  return { kind: 'PUBLISHED', postId: '7', sectionId: 's1', post: { id: '7', sectionId: 's1', authorToken, parentId } };
}

function shared(parent: { id: string } | null = null): ExecutionResult {
  return {
    data: {
      threadActivity: { kind: 'PUBLISHED', postId: '7', post: { id: '7', mine: false, parent, reactions: [{ kind: 'HUG', count: 1 }] } },
    },
  };
}

describe('threadOverlay: which readers with a key may share a thread’s execution', () => {
  it('plans the web’s thread document, and nothing that asks another per-reader field', () => {
    expect(overlay(WEB)).not.toBeNull();
    for (const query of [
      // reactedByMe, a reply list (their own held replies), the parent's `mine`, the section, review state
      `subscription { threadActivity(sectionId: "1") { post { id reactions { kind count reactedByMe } } } }`,
      `subscription { threadActivity(sectionId: "1") { post { id replies { totalCount } } } }`,
      `subscription { threadActivity(sectionId: "1") { post { id parent { id mine } } } }`,
      `subscription { threadActivity(sectionId: "1") { post { id section { id } } } }`,
      `subscription { threadActivity(sectionId: "1") { post { id reviewState } } }`,
      // fragments, directives, other roots, two roots
      `subscription { threadActivity(sectionId: "1") { post { ...P } } } fragment P on Post { id }`,
      `subscription { threadActivity(sectionId: "1") { post { id mine @include(if: true) } } }`,
      `subscription { myActivity { kind post { id mine } } }`,
      `subscription { a: threadActivity(sectionId: "1") { kind } b: threadActivity(sectionId: "2") { kind } }`,
    ]) {
      expect([query, overlay(query)]).toEqual([query, null]);
    }
  });

  it('a reader without a key has nothing to overlay (they get the shared answer as it is)', () => {
    expect(overlay(WEB, new Caller(crypto, undefined, '127.0.0.1'))).toBeNull();
  });

  it('the shared answer for everyone but the post’s author, who gets a copy with mine: true (aliases too)', () => {
    const personal = overlay(WEB)!;
    const someoneElse = new Caller(crypto, AuthorCrypto.newKey(), '127.0.0.1').tokenFor('s1')!;
    expect(personal(event(someoneElse), shared())).toBeNull();
    const answer = shared();
    const own = personal(event(reader.tokenFor('s1')!), answer) as ExecutionResult;
    expect(own.data).toEqual({
      threadActivity: {
        kind: 'PUBLISHED',
        postId: '7',
        post: { id: '7', mine: true, parent: null, reactions: [{ kind: 'HUG', count: 1 }] },
      },
    });
    // The shared answer itself is untouched: the others' frame says mine: false.
    expect((answer.data!.threadActivity as { post: { mine: boolean } }).post.mine).toBe(false);

    const aliased = overlay(`subscription { t: threadActivity(sectionId: "1") { p: post { m: mine } } }`)!;
    expect(aliased(event(reader.tokenFor('s1')!), { data: { t: { p: { m: false } } } })).toEqual({ data: { t: { p: { m: true } } } });
  });

  it('a reply whose parent everyone is not shown is executed for the reader alone (it may be their own held post)', async () => {
    const alone = jest.fn(async () => ({
      data: { threadActivity: { kind: 'PUBLISHED', postId: '7', post: { id: '7', mine: false, parent: { id: '3' } } } },
    }));
    const personal = overlay(WEB, reader, alone)!;
    const someoneElse = new Caller(crypto, AuthorCrypto.newKey(), '127.0.0.1').tokenFor('s1')!;
    await expect(personal(event(someoneElse, '3'), shared(null))).resolves.toMatchObject({
      data: { threadActivity: { post: { parent: { id: '3' } } } },
    });
    expect(alone).toHaveBeenCalledTimes(1);
    // A parent everyone sees is everyone's: no execution.
    expect(personal(event(someoneElse, '3'), shared({ id: '3' }))).toBeNull();
    expect(alone).toHaveBeenCalledTimes(1);
  });
});
