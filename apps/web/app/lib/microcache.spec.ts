import { beforeEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { microcache } from '../../microcache.mjs';
import { onlyCsrfCookie } from '../../security.mjs';

describe('the one-second page cache', () => {
  let clock = 0;
  let renders = 0;
  const app = express();
  app.use(microcache({ ttlMs: 1000, now: () => clock }));
  app.get('/page', (_req, res) => {
    renders++;
    res.type('html');
    res.write('<p>');
    res.end(`render ${renders}</p>`);
  });
  app.get('/private', (_req, res) => res.set('Cache-Control', 'private, no-store').type('html').send(`private ${++renders}`));
  app.get('/flash', (_req, res) => res.cookie('steady_flash', 'x').type('html').send(`flash ${++renders}`));

  beforeEach(() => {
    clock = 0;
    renders = 0;
  });

  it('serves visitors without cookies the same page for a second, then renders again', async () => {
    const first = await request(app).get('/page?a=1');
    const second = await request(app).get('/page?a=1');
    expect(first.text).toBe('<p>render 1</p>');
    expect(second.text).toBe('<p>render 1</p>');
    expect(second.headers['x-steady-cache']).toBe('hit');
    expect(second.headers['content-type']).toMatch(/text\/html/);
    clock = 1001;
    expect((await request(app).get('/page?a=1')).text).toBe('<p>render 2</p>');
  });

  it('always renders fresh for someone with a cookie, and never keeps private pages or pages that set cookies', async () => {
    await request(app).get('/page');
    expect((await request(app).get('/page').set('Cookie', 'steady_author=k')).text).toBe('<p>render 2</p>');
    await request(app).get('/private');
    expect((await request(app).get('/private')).text).toBe('private 4');
    await request(app).get('/flash');
    expect((await request(app).get('/flash')).text).toBe('flash 6');
  });
});

describe('renewing a page', () => {
  it('lets one visitor render a fresh copy while the others still get the previous one', async () => {
    let clock = 0;
    let renders = 0;
    let release: () => void = () => {};
    const app = express();
    app.use(microcache({ ttlMs: 1000, now: () => clock }));
    app.get('/slow', (_req, res) => {
      const n = ++renders;
      const ready = n > 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      void ready.then(() => res.type('html').send(`render ${n}`));
    });
    expect((await request(app).get('/slow')).text).toBe('render 1');
    clock = 2000;
    const renewing = request(app)
      .get('/slow')
      .then((r) => r.text);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // While render 2 is in progress, others get render 1 without rendering.
    expect((await request(app).get('/slow')).text).toBe('render 1');
    expect(renders).toBe(2);
    release();
    expect(await renewing).toBe('render 2');
    expect((await request(app).get('/slow')).text).toBe('render 2');
  });
});

describe('pages with per-response values (ADR 009)', () => {
  it('fills each visitor’s copy with their own nonce and token, and keeps headers set before the page their own', async () => {
    let renders = 0;
    let visitor = 0;
    const app = express();
    app.use((_req, res, next) => {
      visitor++;
      res.locals.nonce = `nonce${visitor}`;
      res.locals.token = `token${visitor}`;
      res.setHeader('Content-Security-Policy', `script-src 'nonce-nonce${visitor}'`);
      res.append('Set-Cookie', `steady_csrf=token${visitor}`);
      next();
    });
    app.use(
      microcache({
        ttlMs: 1000,
        now: () => 0,
        anonymous: (req) => onlyCsrfCookie(req.headers.cookie),
        perResponse: (res) => ({ nonce: res.locals.nonce, csrf: res.locals.token }),
      }),
    );
    app.get('/page', (_req, res) => {
      renders++;
      res.set('X-Page', 'yes').type('html').send(`<script nonce="${res.locals.nonce}"></script><input value="${res.locals.token}">`);
    });

    const first = await request(app).get('/page');
    const second = await request(app).get('/page').set('Cookie', 'steady_csrf=token1');
    expect(renders).toBe(1);
    expect(first.text).toBe('<script nonce="nonce1"></script><input value="token1">');
    expect(second.headers['x-steady-cache']).toBe('hit');
    expect(second.text).toBe('<script nonce="nonce2"></script><input value="token2">');
    expect(second.headers['content-security-policy']).toBe("script-src 'nonce-nonce2'");
    expect(second.headers['set-cookie']).toEqual(['steady_csrf=token2']);
    expect(second.headers['x-page']).toBe('yes');
    // Any other cookie: a fresh page.
    await request(app).get('/page').set('Cookie', 'steady_csrf=token1; steady_author=k');
    expect(renders).toBe(2);
  });
});
