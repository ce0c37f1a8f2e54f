// The deployment file publishes only the web app to the network (issue 12, finding 5): the API,
// PostgreSQL and Redis are reached inside the compose network; the API at most on loopback.
import fs from 'node:fs';
import path from 'node:path';

const compose = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');

/** `ports:` entries per service, read line by line (the file is small and kept flat on purpose). */
function publishedPorts(): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  let service: string | null = null;
  let inPorts = false;
  for (const line of compose.split('\n')) {
    const top = /^ {2}([a-z][\w-]*):\s*$/.exec(line);
    if (top) {
      service = top[1]!;
      inPorts = false;
      continue;
    }
    if (/^\S/.test(line)) service = null;
    if (!service) continue;
    if (/^ {4}ports:\s*$/.test(line)) {
      inPorts = true;
      continue;
    }
    const entry = /^ {6}- "?([^"]+)"?\s*$/.exec(line);
    if (inPorts && entry) (result[service] ??= []).push(entry[1]);
    else if (/^ {4}\S/.test(line)) inPorts = false;
  }
  return result;
}

describe('docker-compose.yml', () => {
  it('publishes the web app, and the API on 127.0.0.1 only; never the databases', () => {
    const ports = publishedPorts();
    expect(ports.web).toEqual(['3000:3000']);
    for (const entry of ports.api ?? []) expect(entry).toMatch(/^127\.0\.0\.1:/);
    expect(ports.db).toBeUndefined();
    expect(ports.redis).toBeUndefined();
  });

  it('restarts every service that crashes, and checks the health of each', () => {
    const services = compose
      .split('\nvolumes:')[0]
      .split(/\n(?= {2}[a-z][\w-]*:\s*\n)/)
      .slice(1);
    expect(services.length).toBe(4);
    for (const block of services) {
      expect(block).toMatch(/\n {4}restart: unless-stopped\n/);
      expect(block).toMatch(/\n {4}healthcheck:\n/);
    }
  });
});
