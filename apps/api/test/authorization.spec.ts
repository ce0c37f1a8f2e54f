import { createTestApp, TestApp } from './app';
import { expire, signedIn } from './moderators.fixtures';

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
  /** Skip the final "a moderator of that role passes the guard" call (e.g. it would end the session under test). */
  skipAllowedCheck?: boolean;
}

export const MODERATOR_OPERATIONS: ModeratorOperation[] = [
  { name: 'logoutEverywhere', query: `mutation { logoutEverywhere }`, role: 'MODERATOR' },
  { name: 'moderators', query: `{ moderators { id email role } }`, role: 'ADMIN' },
];

const GUARD_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];

describe('authorization of moderator-only operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
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
      refused(await call(op), 'UNAUTHENTICATED');
      refused(await call(op, { authorization: 'Bearer not-a-real-token' }), 'UNAUTHENTICATED');
      refused(await call(op, { cookie: `steady_session=${'x'.repeat(43)}` }), 'UNAUTHENTICATED');
    });

    it('is refused with an expired session', async () => {
      const session = await signedIn(t, 'ADMIN');
      await expire(t, session.token);
      refused(await call(op, session.headers), 'UNAUTHENTICATED');
      refused(await call(op, { cookie: `steady_session=${session.token}` }), 'UNAUTHENTICATED');
    });

    it('is refused with a revoked session', async () => {
      const session = await signedIn(t, 'ADMIN');
      await t.gql(`mutation { logout }`, {}, session.headers);
      refused(await call(op, session.headers), 'UNAUTHENTICATED');
    });

    if (op.role === 'ADMIN') {
      it('is refused to a MODERATOR', async () => {
        const session = await signedIn(t, 'MODERATOR');
        const res = await call(op, session.headers);
        refused(res, 'FORBIDDEN');
        expect(res.errors![0].message).toBe('This needs an administrator.');
      });
    }

    if (!op.skipAllowedCheck) {
      it(`passes the guard for ${op.role === 'ADMIN' ? 'an ADMIN' : 'a MODERATOR and an ADMIN'}`, async () => {
        for (const role of op.role === 'ADMIN' ? (['ADMIN'] as const) : (['MODERATOR', 'ADMIN'] as const)) {
          const res = await call(op, (await signedIn(t, role)).headers);
          for (const error of res.errors ?? []) expect(GUARD_CODES).not.toContain(error.extensions?.code);
        }
      });
    }
  });
});
