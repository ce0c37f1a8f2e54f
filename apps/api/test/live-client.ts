import { WebSocket, type ClientOptions } from 'ws';

export interface Closed {
  code: number;
  reason: string;
}

type Message = { type: string; id?: string; payload?: any };

/**
 * A bare graphql-ws ("graphql-transport-ws") client over `ws`: the tests see every message and
 * close code exactly as a browser's client would, with nothing retried or hidden.
 */
export class LiveClient {
  readonly messages: Message[] = [];
  readonly closed: Promise<Closed>;
  private waiters: (() => void)[] = [];
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(Buffer.from(data as Buffer).toString()) as Message);
      for (const wake of this.waiters.splice(0)) wake();
    });
    ws.on('close', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
    ws.on('error', () => undefined);
  }

  /** Opens a socket (no connection_init yet). */
  static async connect(port: number, options: ClientOptions = {}): Promise<LiveClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws', options);
    const client = new LiveClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
    return client;
  }

  /** Opens and sends connection_init; resolves once acknowledged (or the server closed). */
  static async open(port: number, payload: Record<string, unknown> = {}, options: ClientOptions = {}): Promise<LiveClient> {
    const client = await LiveClient.connect(port, options);
    client.send({ type: 'connection_init', payload });
    await client.waitFor((m) => m.type === 'connection_ack', 5000).catch(() => undefined);
    return client;
  }

  get acknowledged(): boolean {
    return this.messages.some((m) => m.type === 'connection_ack');
  }

  send(message: unknown) {
    this.ws.send(JSON.stringify(message));
  }

  /** Subscribes under the next number, or under `id` (graphql-ws clients use UUIDs). */
  subscribe(query: string, variables: Record<string, unknown> = {}, id = String(this.nextId++)): string {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
    return id;
  }

  /** Payloads of `next` messages for one subscription. */
  events(id: string): any[] {
    return this.messages.filter((m) => m.type === 'next' && m.id === id).map((m) => m.payload);
  }

  async waitFor(match: (m: Message) => boolean, timeoutMs = 5000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`closed before the message came: ${JSON.stringify(this.messages)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no such message within ${timeoutMs} ms; got ${JSON.stringify(this.messages).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next event of a subscription that matches. */
  async event(id: string, match: (payload: any) => boolean = () => true, timeoutMs = 5000): Promise<any> {
    const message = await this.waitFor(
      (m) => (m.type === 'next' || m.type === 'error') && m.id === id && (m.type === 'error' || match(m.payload)),
      timeoutMs,
    );
    if (message.type === 'error') throw new Error(`subscription error: ${JSON.stringify(message.payload)}`);
    return message.payload;
  }

  close() {
    this.ws.terminate();
  }
}

/** Lets events that would have arrived by now arrive (for "nothing came" assertions). */
export const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

/** The clients a spec opened, closed together after each test (`port` is read when one opens: it is known only once the app listens). */
export class OpenClients {
  private readonly clients: LiveClient[] = [];

  constructor(private readonly port: () => number) {}

  /** Keeps a client opened some other way (options, a bare connect) to close with the rest. */
  track = (client: LiveClient): LiveClient => (this.clients.push(client), client);

  /** Opens a client with this `connection_init` payload. */
  open = async (payload: Record<string, unknown> = {}): Promise<LiveClient> => this.track(await LiveClient.open(this.port(), payload));

  closeAll(): void {
    this.clients.splice(0).forEach((c) => c.close());
  }
}
