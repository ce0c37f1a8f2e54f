import { createTestApp, TestApp } from './app';
import { bearer, createModerator, expire, login, signedIn } from './moderators.fixtures';

/**
 * Every moderator-only operation, called without a session, with an expired one, and (where
 * ADMIN is required) as a MODERATOR: the guard answers before the resolver runs. Add each new
 * moderator-only query or mutation here. `variables` must make the operation valid GraphQL
 * (ids that exist are not needed: the guard refuses before anything is looked up).
 */
export interface ModeratorOperation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  role: 'MODERATOR' | 'ADMIN';
  /** Skip the final "a moderator of that role passes the guard" call. */
  skipAllowedCheck?: boolean;
  /** The operation ends its caller's sessions: its "passes the guard" calls use accounts of their own. */
  endsSession?: boolean;
}

export const MODERATOR_OPERATIONS: ModeratorOperation[] = [
  { name: 'logoutEverywhere', query: `mutation { logoutEverywhere }`, role: 'MODERATOR', endsSession: true },
  { name: 'moderators', query: `{ moderators { id email role } }`, role: 'ADMIN' },
  { name: 'moderationQueue', query: `{ moderationQueue(first: 5) { totalCount edges { node { id priority } } } }`, role: 'MODERATOR' },
  { name: 'moderationStats', query: `{ moderationStats { published held crisis } }`, role: 'MODERATOR' },
  {
    name: 'reviewPost',
    query: `mutation($input: ReviewPostInput!) { reviewPost(input: $input) { id status } }`,
    variables: { input: { postId: '999999', decision: 'APPROVE' } },
    role: 'MODERATOR',
  },
  {
    name: 'banAuthor',
    query: `mutation($postId: ID!, $reason: String!) { banAuthor(postId: $postId, reason: $reason) }`,
    variables: { postId: '999999', reason: 'test' },
    role: 'MODERATOR',
  },
  { name: 'auditLog', query: `{ auditLog(first: 5) { entries { id action } pageInfo { hasNextPage } } }`, role: 'ADMIN' },
  {
    name: 'markQueueItemsSeen',
    query: `mutation($ids: [ID!]!) { markQueueItemsSeen(itemIds: $ids) }`,
    variables: { ids: ['999999'] },
    role: 'MODERATOR',
  },
];

const GUARD_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];
/** Accounts for the calls that pass the guard (their sessions are shared by every operation). */
const ALLOWED = { MODERATOR: 'allowed-mod@authz.example.org', ADMIN: 'allowed-admin@authz.example.org' } as const;

describe('authorization of moderator-only operations', () => {
  let t: TestApp;
  /** Sessions shared by every operation's refusals (a refused call changes nothing). */
  let expiredAdmin: string;
  let revokedAdmin: string;
  let moderator: Record<string, string>;
  const allowed = { MODERATOR: '', ADMIN: '' };

  beforeAll(async () => {
    t = await createTestApp();
    await createModerator(t, 'admin@authz.example.org', 'ADMIN');
    await createModerator(t, 'mod@authz.example.org', 'MODERATOR');
    for (const role of ['MODERATOR', 'ADMIN'] as const) await createModerator(t, ALLOWED[role], role);
    expiredAdmin = await login(t, 'admin@authz.example.org');
    await expire(t, expiredAdmin);
    revokedAdmin = await login(t, 'admin@authz.example.org');
    await t.gql(`mutation { logout }`, {}, bearer(revokedAdmin));
    moderator = bearer(await login(t, 'mod@authz.example.org'));
    for (const role of ['MODERATOR', 'ADMIN'] as const) allowed[role] = await login(t, ALLOWED[role]);
  });
  afterAll(() => t.close());

  const call = (op: ModeratorOperation, headers: Record<string, string> = {}) => t.gql(op.query, op.variables ?? {}, headers);

  const refused = (res: Awaited<ReturnType<typeof call>>, code: string) => {
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions?.code).toBe(code);
    expect(res.data ?? null).toBeNull();
  };

  describe.each(MODERATOR_OPERATIONS.map((op) => [op.name, op] as const))('%s', (_name, op) => {
    it('is refused without a session', async () => {
      const res = await call(op);
      refused(res, 'UNAUTHENTICATED');
      expect(res.errors![0].message).toBe('Please sign in to moderate.');
      refused(await call(op, bearer('not-a-real-token')), 'UNAUTHENTICATED');
      refused(await call(op, { cookie: `steady_session=${'x'.repeat(43)}` }), 'UNAUTHENTICATED');
    });

    it('is refused with an expired session (of an ADMIN), by header or cookie', async () => {
      refused(await call(op, bearer(expiredAdmin)), 'UNAUTHENTICATED');
      refused(await call(op, { cookie: `steady_session=${expiredAdmin}` }), 'UNAUTHENTICATED');
    });

    it('is refused with a revoked session', async () => {
      refused(await call(op, bearer(revokedAdmin)), 'UNAUTHENTICATED');
    });

    if (op.role === 'ADMIN') {
      it('is refused to a MODERATOR', async () => {
        const res = await call(op, moderator);
        refused(res, 'FORBIDDEN');
        expect(res.errors![0].message).toBe('This needs an administrator.');
      });
    }

    if (!op.skipAllowedCheck) {
      it(`passes the guard for ${op.role === 'ADMIN' ? 'an ADMIN' : 'a MODERATOR and an ADMIN'}`, async () => {
        for (const role of op.role === 'ADMIN' ? (['ADMIN'] as const) : (['MODERATOR', 'ADMIN'] as const)) {
          // An operation that ends its caller's sessions gets a fresh account, so the shared sessions live on.
          const token = op.endsSession ? (await signedIn(t, role)).token : allowed[role];
          const res = await call(op, bearer(token));
          for (const error of res.errors ?? []) expect(GUARD_CODES).not.toContain(error.extensions?.code);
        }
      });
    }
  });
});
