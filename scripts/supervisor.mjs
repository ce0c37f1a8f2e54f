// Keeps `npm start`'s children (the API, the web app) running, and owns their signals.
// See docs/decisions/012-redis-accelerator-shutdown-supervision.md.
import { spawn } from 'node:child_process';

/**
 * - A child that dies after it was ready is started again, after 0.5 s, then 1 s, 2 s, … up to
 *   `maxMs`; a child that stayed up for `healthyMs` starts again from the shortest delay. The
 *   others keep running: one crash does not take the whole site down.
 * - A child that dies before it was ever ready (a setting is wrong, a port is taken) is fatal:
 *   restarting would only repeat the same error, so `onFatal` is called instead.
 * - Children run in their own process group, so a Ctrl-C in the terminal reaches the supervisor
 *   only, which then stops them in order: the last added first (the web app before the API it
 *   calls), each with a bound. They get an IPC channel: a child may stop when it disconnects.
 */
export function createSupervisor({
  log = (line) => console.error(line),
  onFatal = () => {},
  initialMs = 500,
  maxMs = 15_000,
  healthyMs = 30_000,
} = {}) {
  const services = [];
  let stopping = false;

  function add(name, command, args, options = {}) {
    const service = {
      name,
      child: null,
      ready: false,
      crashes: 0,
      restarts: 0,
      timer: null,
      startedAt: 0,
      /** Resolves when the current child exits. */
      exited: Promise.resolve(),
    };
    const start = () => {
      service.startedAt = Date.now();
      const child = spawn(command, args, { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], detached: true, ...options });
      service.child = child;
      service.exited = new Promise((resolve) => child.once('exit', resolve));
      child.once('error', (error) => log(`Steady's ${name} could not start: ${error.message}`));
      child.once('exit', (code, signal) => {
        if (stopping) return;
        const reason = signal ?? `exit ${code}`;
        if (!service.ready) {
          log(`Steady's ${name} stopped before it was ready (${reason}).`);
          onFatal(service, code || 1);
          return;
        }
        if (Date.now() - service.startedAt >= healthyMs) service.crashes = 0;
        const delay = Math.min(initialMs * 2 ** service.crashes, maxMs);
        service.crashes++;
        log(`Steady's ${name} stopped unexpectedly (${reason}); starting it again in ${delay} ms.`);
        service.timer = setTimeout(() => {
          service.timer = null;
          if (stopping) return;
          service.restarts++;
          start();
        }, delay);
      });
    };
    start();
    services.push(service);
    return service;
  }

  /** Stops every child, the last added first; each gets `graceMs` before SIGKILL. */
  async function stop(graceMs = 15_000) {
    stopping = true;
    for (const service of services) clearTimeout(service.timer);
    for (const service of [...services].reverse()) {
      const child = service.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await service.exited;
      clearTimeout(timer);
    }
  }

  return {
    add,
    stop,
    services,
    get stopping() {
      return stopping;
    },
  };
}
