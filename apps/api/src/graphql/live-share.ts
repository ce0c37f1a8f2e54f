import type { ExecutionArgs, ExecutionResult } from 'graphql';

type Awaitable<T> = T | Promise<T>;
type SourceResult = Awaitable<AsyncIterable<unknown> | ExecutionResult>;

/** graphql's two halves of `subscribe`: the source stream, and one execution per source event. */
export interface SubscriptionRunner {
  createSourceEventStream(args: ExecutionArgs): SourceResult;
  execute(args: ExecutionArgs): Awaitable<ExecutionResult>;
}

/**
 * How one subscriber's answer to an event differs from the group's (everyone's): `null` when it
 * is the same (the shared frame is written), a result of its own (a patched copy), or a promise of
 * one (its own execution, for the rare event the overlay cannot answer).
 */
export type Personal = (source: unknown, shared: ExecutionResult) => ExecutionResult | Promise<ExecutionResult> | null;

/** What one subscriber of a shared execution brings: its own bound, and what to do when it falls behind. */
export interface ShareMember {
  maxQueued: number;
  /** Its socket holds more unsent bytes than allowed. */
  slow(): boolean;
  /** It fell behind: close its connection (it reconnects and reloads). */
  overflow(): void;
  /**
   * Frames go straight to its socket: the subscription's id (graphql-ws's) and a send that takes a
   * whole graphql-ws `next` message. Without it, results go through graphql-ws one by one.
   */
  direct?: { id: string; send(frame: Buffer): void };
  /** A reader with a key (direct members only): how their answer may differ from everyone's. */
  personal?: Personal;
}

interface Member extends ShareMember {
  queue: ExecutionResult[];
  waiting: ((result: IteratorResult<ExecutionResult>) => void) | null;
  done: boolean;
  /** Frames of a member whose earlier answer is still being executed for them, in order. */
  chain: Promise<void> | null;
}

interface Group {
  source: AsyncIterator<unknown>;
  args: ExecutionArgs;
  members: Set<Member>;
  ended: boolean;
  /** Its entry in the map of groups, once known (to leave the map when it ends). */
  entry?: Promise<Group | ExecutionResult>;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** One event's `next` message, serialised once; each subscription id gets its frame once (ids repeat across sockets). */
class EventFrames {
  private readonly tail: Buffer;
  private readonly byId = new Map<string, Buffer>();

  constructor(result: ExecutionResult) {
    this.tail = Buffer.from(`,"type":"next","payload":${JSON.stringify(result)}}`);
  }

  static of(id: string, result: ExecutionResult): Buffer {
    return Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":${JSON.stringify(result)}}`);
  }

  for(id: string): Buffer {
    let frame = this.byId.get(id);
    if (!frame) {
      frame = Buffer.concat([Buffer.from(`{"id":${JSON.stringify(id)}`), this.tail]);
      this.byId.set(id, frame);
    }
    return frame;
  }
}

/**
 * One execution of a subscription document for every subscriber who would get the same answer
 * (ADR 020, "Speed"): the same document and variables. A subscriber with no author key and no
 * session gets exactly the group's answer (`mine` false, no `reactedByMe`, no moderator field); a
 * reader with a key joins too when the document's only per-reader fields are ones an overlay can
 * answer without executing (posts/live-overlay.ts: `mine`), and gets the group's answer unless
 * the event's post is theirs. Each event is read and executed once per group on an instance, its
 * `next` message is serialised ONCE, and that same buffer is written to every member's socket
 * (no per-subscriber JSON or graphql-ws message). A slow reader is still dropped alone: a member
 * whose socket holds more than its bound is closed, never buffered without bound.
 */
export class SharedSubscriptions {
  /** Groups starting or running, by key; a group that ended is gone from here at once. */
  private readonly groups = new Map<string, Promise<Group | ExecutionResult>>();

  /**
   * @param runner graphql's source stream and execute (a group's one execution runs through them)
   * @param groupArgs the execution arguments of a group's one execution: a context of its own, with no credentials
   */
  constructor(
    private readonly runner: SubscriptionRunner,
    private readonly groupArgs: (args: ExecutionArgs, onOverflow: () => void) => ExecutionArgs,
  ) {}

  /** Groups on this instance (one execution each). */
  get size(): number {
    return this.groups.size;
  }

  /**
   * The member's stream: its group's, joined or started. When the document cannot run as a stream
   * for the public class (an error result, e.g. a moderator-only field), that result is the
   * member's, as it would have been alone. A direct member's stream yields nothing: its frames go
   * to its socket; the stream only ends with it (graphql-ws then says `complete`).
   */
  async join(key: string, args: ExecutionArgs, member: ShareMember): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
    for (;;) {
      let pending = this.groups.get(key);
      if (!pending) {
        const entry: Promise<Group | ExecutionResult> = this.start(key, args).then((started) => {
          if ('source' in started) started.entry = entry;
          if ('source' in started && started.ended && this.groups.get(key) === entry) this.groups.delete(key);
          return started;
        });
        pending = entry;
        this.groups.set(key, pending);
      }
      let group: Group | ExecutionResult;
      try {
        group = await pending;
      } catch (error) {
        if (this.groups.get(key) === pending) this.groups.delete(key);
        throw error;
      }
      if (!('source' in group)) {
        if (this.groups.get(key) === pending) this.groups.delete(key);
        return group;
      }
      if (!group.ended) return this.member(key, group, member);
      // A group that ended while this member waited for it: start or join the next one.
      if (this.groups.get(key) === pending) this.groups.delete(key);
    }
  }

  private async start(key: string, args: ExecutionArgs): Promise<Group | ExecutionResult> {
    let group: Group | null = null;
    const own = this.groupArgs(args, () => group && this.end(key, group, true));
    const outcome = await this.runner.createSourceEventStream(own);
    if (!isAsyncIterable(outcome)) return outcome;
    group = { source: outcome[Symbol.asyncIterator](), args: own, members: new Set(), ended: false };
    void this.pump(key, group);
    return group;
  }

  private async pump(key: string, group: Group) {
    try {
      for (;;) {
        const next = await group.source.next();
        if (next.done || group.ended) break;
        const result = await this.runner.execute({ ...group.args, rootValue: next.value });
        if (group.ended) break;
        this.fanOut(group, next.value, result);
      }
    } catch {
      // The source failed: its members end (their clients reconnect), as a failed subscription would.
    }
    this.end(key, group, false);
  }

  private fanOut(group: Group, source: unknown, result: ExecutionResult) {
    let frames: EventFrames | null = null;
    for (const member of group.members) {
      if (member.done) continue;
      if (!member.direct) {
        this.push(member, result);
        continue;
      }
      if (member.slow()) {
        this.drop(member);
        continue;
      }
      const own = member.personal?.(source, result) ?? null;
      if (own === null && member.chain === null) {
        member.direct.send((frames ??= new EventFrames(result)).for(member.direct.id));
        continue;
      }
      // Its own answer (or an earlier one still on its way): frames leave in the order of the events.
      const shared = own === null ? (frames ??= new EventFrames(result)) : null;
      const chain: Promise<void> = (member.chain ?? Promise.resolve())
        .then(async () => {
          if (member.done || !member.direct) return;
          member.direct.send(shared ? shared.for(member.direct.id) : EventFrames.of(member.direct.id, await own!));
        })
        .catch(() => this.drop(member))
        .finally(() => {
          if (member.chain === chain) member.chain = null;
        });
      member.chain = chain;
    }
  }

  private push(member: Member, result: ExecutionResult) {
    if (member.queue.length >= member.maxQueued || member.slow()) {
      this.drop(member);
      return;
    }
    if (member.waiting) {
      const resolve = member.waiting;
      member.waiting = null;
      resolve({ value: result, done: false });
    } else {
      member.queue.push(result);
    }
  }

  private drop(member: Member) {
    this.finish(member);
    member.overflow();
  }

  private finish(member: Member) {
    if (member.done) return;
    member.done = true;
    member.queue.length = 0;
    member.waiting?.({ value: undefined, done: true });
    member.waiting = null;
  }

  /** Ends a group: its execution stops, its members end too (overflowed: closed as too slow). */
  private end(key: string, group: Group, overflowed: boolean) {
    if (group.ended) return;
    group.ended = true;
    if (group.entry && this.groups.get(key) === group.entry) this.groups.delete(key);
    for (const member of group.members) {
      this.finish(member);
      if (overflowed) member.overflow();
    }
    group.members.clear();
    void group.source.return?.()?.catch(() => undefined);
  }

  private member(key: string, group: Group, options: ShareMember): AsyncIterableIterator<ExecutionResult> {
    const member: Member = { ...options, queue: [], waiting: null, done: false, chain: null };
    group.members.add(member);
    const leave = () => {
      this.finish(member);
      group.members.delete(member);
      // The last one out stops the group's execution.
      if (group.members.size === 0) this.end(key, group, false);
    };
    const stream: AsyncIterableIterator<ExecutionResult> = {
      next: () => {
        if (member.done) return Promise.resolve({ value: undefined, done: true });
        const head = member.queue.shift();
        if (head) return Promise.resolve({ value: head, done: false });
        return new Promise((resolve) => (member.waiting = resolve));
      },
      return: () => {
        leave();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: (error?: unknown) => {
        leave();
        return Promise.reject(error instanceof Error ? error : new Error('subscription ended'));
      },
      [Symbol.asyncIterator]() {
        return stream;
      },
    };
    return stream;
  }
}
