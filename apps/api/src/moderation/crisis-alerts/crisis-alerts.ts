import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '../../common/logger';
import { CONFIG, LOGGER } from '../../common/tokens';
import type { Config } from '../../config/config';
import { Db } from '../../database/db';
import { CRISIS_ALERT_LOCK } from '../../database/locks';
import { ModeratorsService } from '../../moderators';
import { ModerationRepository, type DueCrisisAlert } from '../moderation.repository';
import { nextAlertAt, queueUrl, type CrisisAlertFacts } from './alert-message';
import { AlertFailure, EmailChannel, WebhookChannel } from './channels';

/** Items one sweep alerts about at most; the rest wait for the next sweep. */
const ITEMS_PER_SWEEP = 20;
const WEBHOOK = 'webhook';
const EMAIL = 'email:';

export interface SweepReport {
  /** False when another instance was sweeping (it holds the lock): this one did nothing. */
  ran: boolean;
  /** Rounds delivered on every channel they owed. */
  delivered: number;
  /** Rounds some channel failed: those channels are tried again at the next sweep. */
  owed: number;
}

export interface CrisisAlertSettings {
  firstMinutes: number;
  maxRepeatMinutes: number;
  queueUrl: string;
}

/**
 * Crisis items nobody has opened, and the alerts about them (ADR 021). All of the state is in
 * queue_item (alerts sent, when the next is due, which channels a round still owes), so a
 * restart forgets nothing, and a sweep runs under a PostgreSQL advisory lock, so however many
 * API instances sweep, each alert goes out once. Time is passed in, so tests need not wait.
 */
export class CrisisAlerts {
  constructor(
    private readonly db: Db,
    private readonly repo: ModerationRepository,
    private readonly moderators: () => Promise<{ id: string; email: string }[]>,
    private readonly channels: { webhook: WebhookChannel | null; email: EmailChannel | null },
    private readonly settings: CrisisAlertSettings,
    private readonly logger: Logger,
  ) {}

  static fromConfig(db: Db, repo: ModerationRepository, moderators: ModeratorsService, config: Config, logger: Logger): CrisisAlerts {
    return new CrisisAlerts(
      db,
      repo,
      () => moderators.list(),
      {
        webhook: config.MODERATOR_ALERT_WEBHOOK_URL
          ? new WebhookChannel(config.MODERATOR_ALERT_WEBHOOK_URL, config.ALERT_TIMEOUT_MS)
          : null,
        email: config.SMTP_URL ? new EmailChannel(config.SMTP_URL, config.ALERT_EMAIL_FROM, config.ALERT_TIMEOUT_MS) : null,
      },
      {
        firstMinutes: config.CRISIS_ALERT_MINUTES,
        maxRepeatMinutes: config.CRISIS_ALERT_MAX_REPEAT_MINUTES,
        queueUrl: queueUrl(config.PUBLIC_URL),
      },
      logger,
    );
  }

  /** Is any channel configured? Without one there is nobody to alert and nothing to sweep. */
  get enabled(): boolean {
    return Boolean(this.channels.webhook || this.channels.email);
  }

  /** Alerts about every crisis item whose alert is due at `now`, unless another instance is at it. */
  async sweep(now: Date = new Date()): Promise<SweepReport> {
    const outcome = await this.db.exclusive(CRISIS_ALERT_LOCK, () => this.sweepLocked(now));
    return outcome.ran ? outcome.result : { ran: false, delivered: 0, owed: 0 };
  }

  close(): void {
    this.channels.email?.close();
  }

  private async sweepLocked(now: Date): Promise<SweepReport> {
    const report: SweepReport = { ran: true, delivered: 0, owed: 0 };
    const due = await this.repo.dueCrisisAlerts(now, this.settings.firstMinutes * 60, ITEMS_PER_SWEEP);
    if (!due.length) return report;
    const recipients = this.channels.email
      ? new Map((await this.moderators()).map((m) => [`${EMAIL}${m.id}`, m.email]))
      : new Map<string, string>();
    const everyChannel = [...(this.channels.webhook ? [WEBHOOK] : []), ...recipients.keys()];
    if (!everyChannel.length) this.logger.warn('a crisis item waits unopened, but no moderator account is active to e-mail');
    for (const item of due) {
      const owed = item.pending.length ? item.pending.filter((channel) => everyChannel.includes(channel)) : everyChannel;
      const failed = await this.deliver(item, owed, recipients, now);
      if (failed.length) {
        await this.repo.alertOwed(item.id, failed);
        report.owed++;
      } else {
        const round = item.alertsSent + 1;
        await this.repo.alertDelivered(item.id, now, nextAlertAt(now, round, this.settings.firstMinutes, this.settings.maxRepeatMinutes));
        this.logger.info({ queueItem: item.id, round, channels: owed.length }, 'crisis alert sent: an item waits unopened');
        report.delivered++;
      }
    }
    return report;
  }

  /** Sends one round on the channels it owes; returns those that failed. */
  private async deliver(item: DueCrisisAlert, owed: string[], recipients: Map<string, string>, now: Date): Promise<string[]> {
    const facts: CrisisAlertFacts = {
      waitingMinutes: Math.max(0, Math.floor((now.getTime() - new Date(item.enqueuedAt).getTime()) / 60_000)),
      reminder: item.alertsSent + 1,
      queueUrl: this.settings.queueUrl,
    };
    const results = await Promise.all(
      owed.map(async (channel) => {
        try {
          if (channel === WEBHOOK) await this.channels.webhook!.send(facts);
          else await this.channels.email!.send(recipients.get(channel)!, facts);
          return null;
        } catch (error) {
          const reason = error instanceof AlertFailure ? error.reason : 'error';
          // The moderator by id, never the webhook's URL (it may hold a secret) nor anything of the post.
          const moderatorId = channel.startsWith(EMAIL) ? channel.slice(EMAIL.length) : undefined;
          this.logger.warn(
            { queueItem: item.id, channel: channel === WEBHOOK ? WEBHOOK : 'email', moderatorId, reason },
            'crisis alert not delivered: tried again at the next sweep',
          );
          return channel;
        }
      }),
    );
    return results.filter((channel): channel is string => channel !== null);
  }
}

/**
 * Runs the sweep every CRISIS_ALERT_SWEEP_SECONDS in the API process: a timer that never keeps the
 * process alive (unref), never overlaps itself, and stops cleanly (waiting for a sweep in
 * flight, which its timeouts bound) when the app closes.
 */
@Injectable()
export class CrisisAlertSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    @Inject(CrisisAlerts) readonly alerts: CrisisAlerts,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.alerts.enabled) {
      this.logger.info('crisis alerts are off: set MODERATOR_ALERT_WEBHOOK_URL or SMTP_URL to turn them on');
      return;
    }
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.alerts.close();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.alerts
        .sweep()
        .catch((error: unknown) =>
          this.logger.warn({ reason: (error as Error)?.name ?? 'error' }, 'crisis alert sweep failed: trying again'),
        )
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.config.CRISIS_ALERT_SWEEP_SECONDS * 1000);
    this.timer.unref();
  }
}
