import { Inject, Injectable } from '@nestjs/common';
import { Context, Field, ID, Int, ObjectType, registerEnumType, Resolver, Subscription } from '@nestjs/graphql';
import { AppError, ErrorCode } from '../common/errors';
import type { Delivered, LiveBus } from '../common/live-bus';
import { liveSubscription } from '../common/live-iterator';
import { LIVE_BUS } from '../common/tokens';
import type { RequestContext } from '../graphql/context';
import { ModeratorOnly } from '../moderators';
import { ModeratorsService } from '../moderators/moderators.service';
import { publicHit } from './decision';
import { QueueItemModel } from './moderation.models';
import { ModerationService, type QueueEntry } from './moderation.service';

export enum QueueEventKind {
  ADDED = 'ADDED',
  CLAIMED = 'CLAIMED',
  RELEASED = 'RELEASED',
  DECIDED = 'DECIDED',
}
registerEnumType(QueueEventKind, {
  name: 'QueueEventKind',
  description:
    'ADDED: an item entered the queue (or was raised). CLAIMED/RELEASED: a moderator opened it or let it go. DECIDED: a moderator reviewed it.',
});

@ObjectType('QueueEvent')
export class QueueEventModel {
  @Field(() => QueueEventKind) kind: QueueEventKind;
  @Field(() => ID) postId: string;
  @Field(() => QueueItemModel, { nullable: true, description: 'The item as it stands now (a decided item keeps its last priority).' })
  item: QueueItemModel | null;
  @Field(() => Int, { description: 'Higher first; a crisis item is above every other.' })
  priority: number;
  @Field(() => String, { nullable: true, description: 'CLAIMED and DECIDED: the moderator’s e-mail (never anything about the author).' })
  moderatorEmail: string | null;
}

/** One read of the item per event on this instance, however many moderators listen. */
@Injectable()
export class LiveQueueReads {
  private readonly reads = new Map<string, Promise<QueueEntry | null>>();
  private readonly emails = new Map<string, Promise<string | null>>();

  constructor(
    @Inject(ModerationService) private readonly service: ModerationService,
    @Inject(ModeratorsService) private readonly moderators: ModeratorsService,
  ) {}

  item(event: Delivered & { topic: 'queue' }): Promise<QueueEntry | null> {
    return this.once(this.reads, event.id, () => this.service.queueItemOf(event.postId));
  }

  email(event: Delivered & { topic: 'queue' }): Promise<string | null> {
    const id = event.moderatorId;
    if (!id) return Promise.resolve(null);
    return this.once(this.emails, event.id, async () => (await this.moderators.emailOf(id)) ?? null);
  }

  private once<T>(map: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
    let found = map.get(key);
    if (!found) {
      found = read().catch(() => null as T);
      map.set(key, found);
      setTimeout(() => map.delete(key), 5000).unref();
    }
    return found;
  }
}

/** The moderators' queue, live: checked against the session on every subscribe (the guard), and the session itself on connect. */
@Resolver(() => QueueEventModel)
export class LiveQueueResolver {
  constructor(
    @Inject(LIVE_BUS) private readonly bus: LiveBus,
    @Inject(LiveQueueReads) private readonly reads: LiveQueueReads,
  ) {}

  @ModeratorOnly()
  @Subscription(() => QueueEventModel, {
    description: 'Moderator only (session token in connection_init): items added, claimed and decided.',
    resolve(this: void, value: QueueEventModel, _args: unknown, ctx: RequestContext) {
      ctx.live?.renew();
      return value;
    },
  })
  moderationQueue(@Context() ctx: RequestContext) {
    const live = ctx.live;
    if (!live) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Subscriptions arrive over the WebSocket at /graphql.');
    return liveSubscription<QueueEventModel>(this.bus, {
      maxQueued: live.maxQueued,
      slow: () => live.slow(),
      onOverflow: () => live.overflow(),
      accept: (e) => e.topic === 'queue',
      map: async (e) => {
        if (e.topic !== 'queue') return null;
        const [entry, email] = await Promise.all([this.reads.item(e), this.reads.email(e)]);
        if (!entry) return null;
        return {
          kind: QueueEventKind[e.kind],
          postId: e.postId,
          item: { ...entry, hits: entry.hits.map(publicHit) },
          priority: entry.priority,
          moderatorEmail: email,
        };
      },
    });
  }
}
