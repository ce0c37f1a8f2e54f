import { createTransport, type SMTPSentMessageInfo, type SMTPTransportOptions, type Transporter } from 'nodemailer';
import { alertEmail, webhookBody, type CrisisAlertFacts } from './alert-message';

/*
 * Where crisis alerts go. Each call is bounded by a timeout and either resolves (delivered) or
 * throws an AlertFailure that says what failed without the URL (it may carry a secret token),
 * the message or anything from the post.
 */

export class AlertFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Why a call failed, in a few words fit for the log: an error code or an HTTP status, no URL, no text. */
function reasonOf(error: unknown): string {
  if (error instanceof AlertFailure) return error.reason;
  const e = error as { name?: string; code?: string; responseCode?: number; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  return String(e?.responseCode ?? e?.code ?? e?.cause?.code ?? e?.name ?? 'error');
}

/** POSTs the alert as JSON to MODERATOR_ALERT_WEBHOOK_URL; any 2xx is delivered. */
export class WebhookChannel {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async send(facts: CrisisAlertFacts): Promise<void> {
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(webhookBody(facts)),
        // A redirect could carry the alert somewhere nobody configured.
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) throw new AlertFailure(`HTTP ${response.status}`);
    } catch (error) {
      throw error instanceof AlertFailure ? error : new AlertFailure(reasonOf(error));
    }
  }
}

/** E-mails the alert over SMTP_URL, one message per moderator (no one sees the others' addresses). */
export class EmailChannel {
  private readonly transport: Transporter<SMTPSentMessageInfo, SMTPTransportOptions>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    timeoutMs: number,
  ) {
    const options: SMTPTransportOptions = {
      url: smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    };
    this.transport = createTransport(options);
  }

  async send(to: string, facts: CrisisAlertFacts): Promise<void> {
    const { subject, text } = alertEmail(facts);
    try {
      const info = await this.transport.sendMail({ from: this.from, to, subject, text });
      if (info.rejected?.length) throw new AlertFailure('recipient rejected');
    } catch (error) {
      throw error instanceof AlertFailure ? error : new AlertFailure(reasonOf(error));
    }
  }

  close(): void {
    this.transport.close();
  }
}
