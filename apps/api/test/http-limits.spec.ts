import request from 'supertest';
import { createTestApp, TestApp } from './app';

/** Refusals before resolvers still answer in GraphQL's shape, with a code from the contract. */
describe('refusals at the HTTP level', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => t.close());

  const send = (body: string) => request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').send(body);

  it('refuses a body over the limit with 413 and PAYLOAD_TOO_LARGE', async () => {
    const res = await send(JSON.stringify({ query: `{ articles { id } }`, variables: { pad: 'x'.repeat(5000) } }));
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.errors[0].message).toMatch(/too large/i);
  });

  it('refuses malformed JSON with 400 and a JSON error body', async () => {
    const res = await send('{"query": ');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|stack/i);
  });
});
