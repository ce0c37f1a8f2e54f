// @ts-expect-error: a plain ES module of the root scripts, without types
import { createSupervisor } from '../../../scripts/supervisor.mjs';
import { alive, until } from './processes';

/**
 * `npm start`'s supervisor on small fake children (the real run is in the ADR's figures):
 * a crashed child comes back with growing back-off, the others stay up, stop goes in order.
 */
const node = process.execPath;
// A child that lives until SIGTERM, then takes `ms` to finish (like the API draining).
const child = (ms = 0) => ['-e', `process.on('SIGTERM', () => setTimeout(() => process.exit(0), ${ms})); setInterval(() => {}, 1000);`];
const options = { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] };

describe("npm start's supervisor", () => {
  it('starts a crashed child again with back-off, and the others stay up', async () => {
    const lines: string[] = [];
    const supervisor = createSupervisor({ log: (l: string) => lines.push(l), initialMs: 200, maxMs: 2000, healthyMs: 60_000 });
    const api = supervisor.add('API', node, child(), options);
    const web = supervisor.add('web app', node, child(), options);
    api.ready = web.ready = true;
    const webPid = web.child.pid;
    try {
      const delays: number[] = [];
      for (let crash = 0; crash < 3; crash++) {
        const pid = api.child.pid;
        await until(() => alive(pid), 2000);
        const killedAt = Date.now();
        process.kill(pid, 'SIGKILL');
        await until(() => api.child.pid !== pid, 5000);
        delays.push(Date.now() - killedAt);
      }
      expect(api.restarts).toBe(3);
      // 200, 400, 800 ms: each crash in a row waits twice as long.
      expect(delays[0]).toBeGreaterThanOrEqual(190);
      expect(delays[1]).toBeGreaterThanOrEqual(390);
      expect(delays[2]).toBeGreaterThanOrEqual(790);
      expect(lines[2]).toMatch(/API stopped unexpectedly \(SIGKILL\); starting it again in 800 ms/);
      expect(web.child.pid).toBe(webPid);
      expect(alive(webPid)).toBe(true);
    } finally {
      await supervisor.stop();
    }
    expect(alive(api.child.pid)).toBe(false);
    expect(alive(webPid)).toBe(false);
  });

  it('stops the last added first, each finishing before the next is asked', async () => {
    const supervisor = createSupervisor({ log: () => undefined });
    const api = supervisor.add('API', node, child(300), options);
    const web = supervisor.add('web app', node, child(0), options);
    api.ready = web.ready = true;
    const exits: string[] = [];
    api.child.once('exit', () => exits.push('API'));
    web.child.once('exit', () => exits.push('web app'));
    await new Promise((r) => setTimeout(r, 200));
    await supervisor.stop();
    expect(exits).toEqual(['web app', 'API']);
  });

  it('treats a child that dies before it is ready as fatal, without restarting it', async () => {
    const fatal: string[] = [];
    const supervisor = createSupervisor({ log: () => undefined, initialMs: 10, onFatal: (s: { name: string }) => fatal.push(s.name) });
    const api = supervisor.add('API', node, ['-e', 'process.exit(3)'], options);
    await until(() => fatal.length > 0, 5000);
    await new Promise((r) => setTimeout(r, 100));
    expect(fatal).toEqual(['API']);
    expect(api.restarts).toBe(0);
    await supervisor.stop();
  });
});
