import type { ExecutionArgs, ExecutionResult } from 'graphql';

type OperationResult =
  | Promise<AsyncGenerator<ExecutionResult> | AsyncIterable<ExecutionResult> | ExecutionResult>
  | AsyncGenerator<ExecutionResult>
  | AsyncIterable<ExecutionResult>
  | ExecutionResult;

/** What one subscriber of a shared execution brings: its own bound, and what to do when it falls behind. */
export interface ShareMember {
  maxQueued: number;
  /** Its socket holds more unsent bytes than allowed. */
  slow(): boolean;
  /** It fell behind: close its connection (it reconnects and reloads). */
  overflow(): void;
}

interface Member extends ShareMember {
  queue: ExecutionResult[];
  waiting: ((result: IteratorResult<ExecutionResult>) => void) | null;
  done: boolean;
}

interface Group {
  source: AsyncIterator<ExecutionResult>;
  members: Set<Member>;
  ended: boolean;
  /** Its entry in the map of groups, once known (to leave the map when it ends). */
  entry?: Promise<Group | ExecutionResult>;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * One execution of a subscription document for every subscriber who would get the same answer
 * (ADR 020, "Speed"): the same document, variables and *visibility class*. Today the one class
 * that shares is "public": a subscriber with no author key and no session, whose every field
 * (`mine` false, no `reactedByMe`, no moderator field) is what everyone is shown. Each published
 * event is then read and executed once per (document, class) on an instance, not once per
 * subscriber; the result object is handed to each member's own bounded queue, so a slow reader
 * is still dropped alone, never buffered without bound. Subscribers with a key or a session keep
 * their own execution (their `mine`, `reactedByMe`, moderator fields differ).
 */
export class SharedSubscriptions {
  /** Groups starting or running, by key; a group that ended is gone from here at once. */
  private readonly groups = new Map<string, Promise<Group | ExecutionResult>>();

  /**
   * @param subscribe graphql's `subscribe` (a group's one execution runs through it)
   * @param groupArgs the execution arguments of a group's one execution: a context of its own, with no credentials
   */
  constructor(
    private readonly subscribe: (args: ExecutionArgs) => OperationResult,
    private readonly groupArgs: (args: ExecutionArgs, onOverflow: () => void) => ExecutionArgs,
  ) {}

  /** Groups on this instance (one execution each). */
  get size(): number {
    return this.groups.size;
  }

  /**
   * The member's stream: its group's, joined or started. When the document cannot run as a stream
   * for the public class (an error result, e.g. a moderator-only field), that result is the
   * member's, as it would have been alone.
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
    const outcome = await this.subscribe(this.groupArgs(args, () => group && this.end(key, group, true)));
    if (!isAsyncIterable(outcome)) return outcome;
    group = { source: outcome[Symbol.asyncIterator](), members: new Set(), ended: false };
    void this.pump(key, group);
    return group;
  }

  private async pump(key: string, group: Group) {
    try {
      for (;;) {
        const next = await group.source.next();
        if (next.done || group.ended) break;
        for (const member of group.members) this.push(member, next.value);
      }
    } catch {
      // The source failed: its members end (their clients reconnect), as a failed subscription would.
    }
    this.end(key, group, false);
  }

  private push(member: Member, result: ExecutionResult) {
    if (member.done) return;
    if (member.queue.length >= member.maxQueued || member.slow()) {
      this.finish(member);
      member.overflow();
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
    const member: Member = { ...options, queue: [], waiting: null, done: false };
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
