import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.API_PORT).toBe(4000);
    expect(config.EMBEDDED_PG_PORT).not.toBe(5432);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('stops with a readable message naming every invalid setting', () => {
    const attempt = () => loadConfig({ API_PORT: 'four thousand', DATABASE_URL: 'mysql://x', STEADY_SECRET: 'short' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^Steady's API cannot start/);
      expect(message).toContain('API_PORT');
      expect(message).toContain('DATABASE_URL: must be a postgres:// URL');
      expect(message).toContain('STEADY_SECRET: must be at least 32 characters');
    }
  });

  it('trusts X-Forwarded-For from loopback only by default, and checks TRUSTED_PROXIES', () => {
    expect(loadConfig({}).TRUSTED_PROXIES).toBe('loopback');
    for (const ok of ['', 'uniquelocal', '10.0.0.0/8, 127.0.0.1', 'loopback,fd00::/8', '192.168.0.0/255.255.0.0']) {
      expect(() => loadConfig({ TRUSTED_PROXIES: ok })).not.toThrow();
    }
    for (const bad of ['everyone', '10.0.0.0/33', '300.1.1.1', 'fd00::/129', '10.0.0.1/8/8']) {
      expect(() => loadConfig({ TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES/);
    }
  });

  it('has crisis alerts off until a channel is set, and checks their settings', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ CRISIS_ALERT_MINUTES: 5, CRISIS_ALERT_MAX_REPEAT_MINUTES: 60, CRISIS_ALERT_SWEEP_SECONDS: 30 });
    expect(config.MODERATOR_ALERT_WEBHOOK_URL).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
    // A blank line in an .env file (or compose's `${VAR:-}`) is unset, not an error.
    expect(loadConfig({ SMTP_URL: '', MODERATOR_ALERT_WEBHOOK_URL: '' }).SMTP_URL).toBeUndefined();
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465', CRISIS_ALERT_MINUTES: '0.5' })).toMatchObject({
      SMTP_URL: 'smtps://u:p@mail.example.org:465',
      CRISIS_ALERT_MINUTES: 0.5,
    });
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org' })).toThrow(/SMTP_URL: must be an smtp/);
    expect(() => loadConfig({ MODERATOR_ALERT_WEBHOOK_URL: 'ftp://x' })).toThrow(/MODERATOR_ALERT_WEBHOOK_URL/);
    expect(() => loadConfig({ CRISIS_ALERT_MINUTES: '0' })).toThrow(/CRISIS_ALERT_MINUTES/);
  });
});
