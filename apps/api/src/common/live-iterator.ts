import type { Delivered, LiveBus } from './live-bus';

export interface LiveSubscriptionOptions<T> {
  /** Cheap and synchronous: does this event concern the subscriber at all? (No read for the others.) */
  accept(event: Delivered): boolean;
  /** What the subscriber receives, or null to send nothing (e.g. the visibility rule says no). */
  map(event: Delivered): Promise<T | null>;
  /** Most events waiting for one subscriber; past it the subscriber is too slow and is dropped. */
  maxQueued: number;
  /** True when the subscriber's socket already holds more unsent bytes than allowed (it does not read). */
  slow?(): boolean;
  /** Called once when the subscriber falls behind (more than `maxQueued` events, or a full socket): closes its connection. */
  onOverflow(): void;
}

/**
 * A subscription's stream of events, in the order they arrived, with a bounded buffer: a
 * subscriber that does not read (a stalled socket) never makes the server hold events without
 * bound; it is dropped and its client reconnects and reloads. Each event's `map` starts at once
 * (so one slow read does not hold the others up) and is sent in arrival order.
 */
export function liveSubscription<T>(bus: LiveBus, options: LiveSubscriptionOptions<T>): AsyncIterableIterator<T> {
  const queue: Promise<T | null>[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let done = false;

  const finish = () => {
    if (done) return;
    done = true;
    leave();
    queue.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = null;
  };

  const pull = async (): Promise<IteratorResult<T>> => {
    for (;;) {
      if (done) return { value: undefined, done: true };
      const head = queue.shift();
      if (!head) return new Promise((resolve) => (waiting = resolve));
      const value = await head.catch(() => null);
      if (value !== null && !done) return { value, done: false };
    }
  };

  const leave = bus.listen((event) => {
    if (done || !options.accept(event)) return;
    if (queue.length >= options.maxQueued || options.slow?.()) {
      finish();
      options.onOverflow();
      return;
    }
    queue.push(options.map(event));
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      void pull().then(resolve);
    }
  });

  return {
    next: pull,
    return() {
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown) {
      finish();
      return Promise.reject(error instanceof Error ? error : new Error('subscription ended'));
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
