import { removeWebBuildSnapshot } from './stack';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__STEADY_STACK__?.stop();
  globalThis.__STEADY_STACK__ = undefined;
  removeWebBuildSnapshot();
}
