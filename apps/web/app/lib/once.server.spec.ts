import { describe, expect, jest, test } from '@jest/globals';
import { oncePerSubmission } from './once.server';

describe('oncePerSubmission (a keyless double-click makes one post)', () => {
  test('the repeat of a submission gets the first answer, without a second call', async () => {
    const run = jest.fn(async () => ({ postId: '7', authorKey: 'k' }));
    const [a, b] = await Promise.all([oncePerSubmission('form-1', run), oncePerSubmission('form-1', run)]);
    expect(run).toHaveBeenCalledTimes(1);
    expect(b).toBe(a);
  });

  test('different forms, or no idempotency key, each call through', async () => {
    const run = jest.fn(async () => 'done');
    await oncePerSubmission('form-2', run);
    await oncePerSubmission('form-3', run);
    await oncePerSubmission(undefined, run);
    await oncePerSubmission(undefined, run);
    expect(run).toHaveBeenCalledTimes(4);
  });

  test('a failure is not remembered: trying again calls through', async () => {
    const failing = jest.fn(async () => {
      throw new Error('unreachable');
    });
    await expect(oncePerSubmission('form-4', failing)).rejects.toThrow('unreachable');
    await new Promise((resolve) => setImmediate(resolve));
    const working = jest.fn(async () => 'ok');
    await expect(oncePerSubmission('form-4', working)).resolves.toBe('ok');
    expect(working).toHaveBeenCalledTimes(1);
  });
});
