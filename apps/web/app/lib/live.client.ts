/**
 * The browser's end of Steady live (ADR 020): one WebSocket to this site's own `/live`, where the
 * web server fills connection_init from the httpOnly cookies and relays to the API. Speaks the
 * graphql-ws protocol ("graphql-transport-ws") by hand: a few dozen lines instead of a library in
 * every page's bundle. Reconnects with a growing pause; gives up quietly when the server says the
 * person is not allowed (4401/4403): the page keeps working as it does without JavaScript.
 */
type Listener = (data: unknown) => void;

interface Subscription {
  query: string;
  variables: Record<string, unknown>;
  listener: Listener;
}

const GIVE_UP = new Set([4400, 4401, 4403, 4406, 1009]);

class LiveConnection {
  private socket: WebSocket | null = null;
  private ready = false;
  private nextId = 1;
  private readonly subscriptions = new Map<string, Subscription>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  subscribe(query: string, variables: Record<string, unknown>, listener: Listener): () => void {
    const id = String(this.nextId++);
    this.subscriptions.set(id, { query, variables, listener });
    if (this.ready) this.send({ id, type: 'subscribe', payload: { query, variables } });
    else this.open();
    return () => {
      this.subscriptions.delete(id);
      if (this.ready) this.send({ id, type: 'complete' });
      if (this.subscriptions.size === 0) this.close();
    };
  }

  private open() {
    if (this.socket || this.stopped || typeof WebSocket === 'undefined') return;
    const url = new URL('/live', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, 'graphql-transport-ws');
    this.socket = socket;
    // The web server puts the credentials in from the cookies; the page never holds them.
    socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    socket.onmessage = (message) => this.receive(String(message.data));
    socket.onclose = (event) => {
      this.socket = null;
      this.ready = false;
      if (GIVE_UP.has(event.code)) this.stopped = true;
      if (!this.stopped && this.subscriptions.size > 0) {
        const pause = Math.min(30_000, 1000 * 2 ** this.retry++) * (0.5 + Math.random() / 2);
        this.timer = setTimeout(() => this.open(), pause);
      }
    };
  }

  private receive(text: string) {
    let message: { type?: string; id?: string; payload?: { data?: unknown } };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (message.type === 'connection_ack') {
      this.ready = true;
      this.retry = 0;
      for (const [id, s] of this.subscriptions) this.send({ id, type: 'subscribe', payload: { query: s.query, variables: s.variables } });
    } else if (message.type === 'ping') {
      this.send({ type: 'pong' });
    } else if (message.type === 'next' && message.id) {
      const data = message.payload?.data;
      if (data) this.subscriptions.get(message.id)?.listener(data);
    }
  }

  private send(message: unknown) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private close() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.socket?.close(1000);
    this.socket = null;
    this.ready = false;
  }
}

let shared: LiveConnection | null = null;

/** Subscribes over the page's one live connection; returns the way to stop. */
export function subscribeLive<T>(query: string, variables: Record<string, unknown>, listener: (data: T) => void): () => void {
  shared ??= new LiveConnection();
  return shared.subscribe(query, variables, listener as Listener);
}
