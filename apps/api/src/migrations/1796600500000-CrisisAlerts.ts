import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a moderator first opened a queue item, and the crisis alerts sent while nobody had
 * (docs/decisions/021-crisis-alerts.md). The alert state lives here, not in a timer, so that it
 * survives a restart and every API instance reads the same truth.
 */
export class CrisisAlerts1796600500000 implements MigrationInterface {
  name = 'CrisisAlerts1796600500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table queue_item
        add column first_viewed_at timestamptz,
        add column first_viewed_by uuid references moderator(id) on delete set null,
        add column alerts_sent int not null default 0 check (alerts_sent >= 0),
        add column last_alert_at timestamptz,
        add column next_alert_at timestamptz,
        add column alert_pending text[] not null default '{}'`);
    // A review is a view: items decided before this migration count as seen when they were decided.
    await q.query(`update queue_item set first_viewed_at = resolved_at where resolved_at is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table queue_item
        drop column first_viewed_at,
        drop column first_viewed_by,
        drop column alerts_sent,
        drop column last_alert_at,
        drop column next_alert_at,
        drop column alert_pending`);
  }
}
