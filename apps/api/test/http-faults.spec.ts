import net from 'node:net';
import request from 'supertest';
import { createTestApp, TestApp } from './app';

/** What a client sees at the HTTP level when it is slow, or asks for one media type. */
describe('HTTP faults', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp({ API_REQUEST_TIMEOUT_MS: '1000', API_KEEP_ALIVE_TIMEOUT_MS: '500' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as net.AddressInfo).port;
  });
  afterAll(() => t.close());

  /** Opens a socket, runs `talk`, and resolves with how long the server kept it open. */
  function heldFor(talk: (socket: net.Socket) => void): Promise<{ ms: number; answer: string }> {
    return new Promise((resolve) => {
      const started = Date.now();
      let answer = '';
      const socket = net.connect(port, '127.0.0.1', () => talk(socket));
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ ms: Date.now() - started, answer }));
      // The test's own bound: a server without timeouts would keep it for 70 s and more.
      setTimeout(() => socket.destroy(), 8000).unref();
    });
  }

  const drip = (socket: net.Socket, text: string) => {
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= text.length) return clearInterval(timer);
      socket.write(text[i++]);
    }, 200);
    socket.on('close', () => clearInterval(timer));
  };

  it('closes a client that sends its headers too slowly', async () => {
    const { ms } = await heldFor((s) => {
      s.write('POST /graphql HTTP/1.1\r\nHost: steady\r\n');
      drip(s, 'X-Slow: ' + 'a'.repeat(200));
    });
    expect(ms).toBeLessThan(3000);
  });

  it('closes a client that stops sending its body', async () => {
    const { ms } = await heldFor((s) => {
      s.write('POST /graphql HTTP/1.1\r\nHost: steady\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"query":');
    });
    expect(ms).toBeLessThan(3000);
  });

  it('closes an idle keep-alive connection after its timeout', async () => {
    const body = JSON.stringify({ query: '{ articles { id } }' });
    const { ms, answer } = await heldFor((s) => {
      s.write(`POST /graphql HTTP/1.1\r\nHost: steady\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    });
    expect(answer).toMatch(/^HTTP\/1.1 200/);
    expect(ms).toBeLessThan(2500);
  });

  it('answers in the media type the request accepts, cached or not', async () => {
    const query = JSON.stringify({ query: '{ articles { slug } }' });
    const ask = (accept: string) =>
      request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').set('accept', accept).send(query);
    for (let round = 0; round < 2; round++) {
      const modern = await ask('application/graphql-response+json');
      expect(modern.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
      const plain = await ask('application/json');
      expect(plain.headers['content-type']).toMatch(/^application\/json/);
      expect(plain.body.data.articles.length).toBeGreaterThan(0);
      if (round === 1) expect(plain.headers['x-steady-cache']).toBe('hit');
    }
  });
});
