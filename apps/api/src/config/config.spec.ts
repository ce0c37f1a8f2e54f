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
});
