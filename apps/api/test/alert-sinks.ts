import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/*
 * Local stand-ins for the outside world of the crisis alerts: a webhook receiver (what Slack or
 * Mattermost would be) and an SMTP sink (what a mail server would be). Both listen on an
 * ephemeral port on 127.0.0.1 and keep what they received.
 */

export interface ReceivedHook {
  contentType: string | undefined;
  json: Record<string, unknown>;
  raw: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** What the next calls get: a status, and how long before it (or `hang` to never answer). */
  answer: { status: number; delayMs: number; hang?: boolean };
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const state: WebhookReceiver = {
    url: '',
    received: [],
    answer: { status: 200, delayMs: 0 },
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // kept as raw: the assertion on `json` then fails
      }
      state.received.push({ contentType: req.headers['content-type'], json, raw });
      const { status, delayMs, hang } = state.answer;
      if (hang) return;
      setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end('ok'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/steady-secret-token`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  /** The whole message, quoted-printable soft breaks undone, for text assertions. */
  text: string;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Recipients the sink refuses (550), to make a delivery fail. */
  refuse: Set<string>;
  close(): Promise<void>;
}

/** Undoes quoted-printable (soft line breaks and =XX escapes), enough to search a message's text. */
function unQuote(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const state: SmtpSink = { url: '', received: [], refuse: new Set(), close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refuse.has(address.address)) return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const text = unQuote(Buffer.concat(chunks).toString('utf8'));
        const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(text)?.[1].replace(/\r?\n[ \t]/g, ' ') ?? '';
        state.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject,
          text,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
