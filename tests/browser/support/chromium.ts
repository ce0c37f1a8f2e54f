import { existsSync } from 'node:fs';

/** Launch flags that work on this machine kind (see shared STACK.md). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(): { path: string | null; looked: string[] } {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return { path: candidates.find((candidate) => existsSync(candidate)) ?? null, looked: candidates };
}
