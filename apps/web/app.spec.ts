// The web server as tests build it: createApp() without the line that listens (server.mjs).
// The guards in front of the pages answer here without a Remix build; the pages themselves are
// tested in tests/browser and tests/security against the built app.
import { describe, expect, test, jest } from '@jest/globals';
import request from 'supertest';
import { createApp } from './app.mjs';

function app() {
  return createApp({
    // No pages here: a request that reaches Remix finds a build that cannot load.
    build: () => Promise.reject(new Error('no build in this test')),
    clientDir: null,
    microcacheMs: 0,
    bodyLimitBytes: 2048,
    sessionSecret: 'a-test-secret-that-is-long-enough-0123456789',
  });
}

describe('createApp', () => {
  test('a first visit gets its signed form token in an HttpOnly, SameSite=Lax cookie, and a calm page when a page fails', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await request(app()).get('/');
    error.mockRestore();
    expect(res.status).toBe(500);
    expect(res.text).toContain('Nothing you did caused it');
    expect(res.text).not.toContain('no build in this test');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBeDefined();
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('steady_csrf='));
    expect(cookie).toMatch(/^steady_csrf=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  test('a write from another site is refused before any page runs', async () => {
    const res = await request(app()).post('/articles/a/b').set('Sec-Fetch-Site', 'cross-site').type('form').send('intent=create&body=hi');
    expect(res.status).toBe(403);
    expect(res.text).toContain('nothing was changed');
  });

  test('a body over the limit is refused unread', async () => {
    const res = await request(app())
      .post('/articles/a/b')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send(`body=${'a'.repeat(4096)}`);
    expect(res.status).toBe(413);
  });

  test('the token cookie, once signed by this server, is read back and not replaced', async () => {
    const server = app();
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const first = await request(server).get('/');
    const cookie = (first.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('steady_csrf='))!.split(';')[0];
    const again = await request(server).get('/').set('Cookie', `other=1; ${cookie}`);
    const forged = await request(server).get('/').set('Cookie', 'steady_csrf=forged.value');
    error.mockRestore();
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((forged.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^steady_csrf=/);
  });
});
