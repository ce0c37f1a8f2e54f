import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../src/config/config';
import { createTestApp, TestApp } from './app';
import { rejectReasons, ruleById } from '@steady/moderation';
import { CREATE, post, sectionIds } from './fixtures';
import { bearer, LOGIN, signedIn } from './moderators.fixtures';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run -s moderator -- …` as the contract has it, i.e. `node scripts/run-api-cli.mjs moderator …`, on the test database. */
function moderatorCli(args: string[], options: { stdin?: string; build?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: process.env.DATABASE_URL };
    // The first run builds the API if it is stale; the others reuse that build.
    if (!options.build) env.STEADY_SKIP_BUILD = '1';
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/run-api-cli.mjs'), 'moderator', ...args], { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

const oneLine = (text: string) => text.trimEnd().split('\n');

describe('moderator CLI (npm run -s moderator -- …)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // Builds the API when apps/api/dist is missing or older than its sources.
    const warm = await moderatorCli(['help'], { build: true });
    if (warm.code !== 0 || !/Usage:/.test(warm.stderr)) throw new Error(`the CLI did not start: ${warm.stderr}`);
  }, 180_000);
  afterAll(() => t.close());

  it('creates an account and prints exactly one JSON line with a one-time password that signs in', async () => {
    const run = await moderatorCli(['create', '--email', ' First.Mod@Example.org ', '--role', 'MODERATOR']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(oneLine(run.stdout)).toHaveLength(1);
    const printed = JSON.parse(run.stdout);
    expect(Object.keys(printed)).toEqual(['email', 'role', 'password']);
    expect(printed).toMatchObject({ email: 'first.mod@example.org', role: 'MODERATOR' });
    expect(printed.password).toMatch(/^[A-Za-z0-9_-]{20}$/);

    const res = await t.gql(LOGIN, { email: 'first.mod@example.org', password: printed.password });
    expect(res.errors).toBeUndefined();
    expect(res.data.login.moderator).toMatchObject({ email: 'first.mod@example.org', role: 'MODERATOR' });
  });

  it('reads the password from stdin with --password-stdin and prints none', async () => {
    const run = await moderatorCli(['create', '--email=admin@example.org', '--role=ADMIN', '--password-stdin'], {
      stdin: 'a sturdy admin passphrase\n',
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ email: 'admin@example.org', role: 'ADMIN' });
    const res = await t.gql(LOGIN, { email: 'admin@example.org', password: 'a sturdy admin passphrase' });
    expect(res.data.login.moderator.role).toBe('ADMIN');
  });

  it('refuses bad input and an existing e-mail with a one-line reason and a non-zero exit, printing nothing', async () => {
    await moderatorCli(['create', '--email', 'taken@example.org', '--role', 'MODERATOR']);
    const cases: [string[], string | undefined, RegExp][] = [
      [['create', '--email', 'TAKEN@example.org', '--role', 'ADMIN'], undefined, /already exists/],
      [['create', '--email', 'not-an-email', '--role', 'MODERATOR'], undefined, /e-mail address/],
      [['create', '--email', 'x@example.org', '--role', 'OWNER'], undefined, /MODERATOR or ADMIN/],
      [['create', '--email', 'x@example.org', '--role', 'ADMIN', '--password-stdin'], 'too short\n', /at least 12 characters/],
      [['create', '--role', 'ADMIN'], undefined, /--email is required/],
      [['create', '--email', 'x@example.org'], undefined, /--role is required/],
      [
        ['create', '--email', 'x@example.org', '--role', 'ADMIN', '--password', 'hunter2hunter2'],
        undefined,
        /Unknown argument "--password"/,
      ],
      [['promote', '--email', 'x@example.org'], undefined, /Unknown command/],
    ];
    const runs = await Promise.all(cases.map(([args, stdin]) => moderatorCli(args, { stdin })));
    runs.forEach((run, i) => {
      expect({ args: cases[i][0], code: run.code === 0 ? 0 : 'non-zero', stdout: run.stdout }).toEqual({
        args: cases[i][0],
        code: 'non-zero',
        stdout: '',
      });
      expect(oneLine(run.stderr)).toHaveLength(1);
      expect(run.stderr).toMatch(cases[i][2]);
    });
    const [{ count }] = await t.dataSource.query(
      `select count(*)::int as count from moderator where email like 'x@%' or email = 'not-an-email'`,
    );
    expect(count).toBe(0);
  });

  it('revokes every session of an account, and disables one', async () => {
    const created = JSON.parse((await moderatorCli(['create', '--email', 'leaving@example.org', '--role', 'MODERATOR'])).stdout);
    const token = (await t.gql(LOGIN, { email: 'leaving@example.org', password: created.password })).data.login.token;

    const revoke = await moderatorCli(['revoke-sessions', '--email', 'Leaving@example.org']);
    expect(revoke).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(revoke.stdout)).toEqual({ email: 'leaving@example.org', revokedSessions: 1 });
    expect((await t.gql(`{ moderator { id } }`, {}, bearer(token))).data.moderator).toBeNull();

    const disable = await moderatorCli(['disable', '--email', 'leaving@example.org']);
    expect(JSON.parse(disable.stdout)).toEqual({ email: 'leaving@example.org', disabled: true, revokedSessions: 0 });
    expect((await t.gql(LOGIN, { email: 'leaving@example.org', password: created.password })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    const missing = await moderatorCli(['disable', '--email', 'nobody@example.org']);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/no account/);
  });

  it('exports every decided post as a training label: text, decision, category; never who or which', async () => {
    const intro = (await sectionIds(t)).intro;
    const mod = (await signedIn(t, 'MODERATOR')).headers;
    const author = await post(t, { sectionId: intro, body: 'Hello, I am new here.' });
    const hold = async (body: string) =>
      (await t.gql(CREATE, { input: { sectionId: intro, body } }, { 'x-author-key': author.key })).data.createPost.post.id;
    const REVIEW = `mutation($i: ReviewPostInput!) { reviewPost(input: $i) { status } }`;
    const rejected = await hold('You are pathetic, grow up.');
    const approved = await hold('Grow up, you are pathetic.');
    const undecided = await hold('You are a pathetic loser.');
    const reason = rejectReasons().find((r) => r.ruleIds.length > 0)!;
    expect((await t.gql(REVIEW, { i: { postId: rejected, decision: 'REJECT', reason: reason.id } }, mod)).data.reviewPost.status).toBe(
      'REJECTED',
    );
    expect((await t.gql(REVIEW, { i: { postId: approved, decision: 'APPROVE' } }, mod)).data.reviewPost.status).toBe('PUBLISHED');

    const run = await moderatorCli(['export-labels']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const labels = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const byText = new Map(labels.map((label) => [label.text, label]));
    expect(byText.get('You are pathetic, grow up.')).toEqual({
      text: 'You are pathetic, grow up.',
      decision: 'reject',
      ruleId: reason.ruleIds[0],
      category: ruleById(reason.ruleIds[0])!.category,
    });
    expect(byText.get('Grow up, you are pathetic.')).toMatchObject({ decision: 'approve' });
    expect(byText.has('You are a pathetic loser.')).toBe(false);
    for (const label of labels) expect(Object.keys(label).sort()).toEqual(['category', 'decision', 'ruleId', 'text']);
    expect(undecided).toBeTruthy();
  });
});
