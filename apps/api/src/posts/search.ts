import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { SEARCH_QUERY_MAX, spelled } from '@steady/rules';
import { SectionModel } from '../articles/article.model';
import { badInput } from '../common/errors';
import { fitsBigint } from '../common/ids';
import { MAX_PAGE, PageInfo, UNKNOWN_CURSOR } from '../common/pagination';
import { MARK_END, MARK_START } from './post.sql';
import { PostModel, type PostRecord } from './post.model';
import type { SearchHitRecord } from './posts.repository';

/** Search's GraphQL shapes and the small pure rules around them (ADR 019). */

@ObjectType('SearchHit', { description: 'A published post that matches a search, with where it sits.' })
export class SearchHitModel {
  @Field(() => PostModel) post: PostRecord;
  @Field(() => SectionModel, { description: 'The section whose thread holds the post.' }) section?: SectionModel;
  @Field(() => Float, { description: 'How well the post matches (higher first); comparable only within one search.' }) rank: number;
  @Field({
    description: 'A few words around the matches, as HTML: the text escaped, each matched word in <mark>. Nothing else is markup.',
  })
  snippet: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The `after` cursor of `Section.posts` for the thread page that shows this post (with `first: threadPageSize`); null: the first page.',
  })
  threadAfter: string | null;
}

@ObjectType('SearchEdge')
export class SearchEdge {
  @Field() cursor: string;
  @Field(() => SearchHitModel) node: SearchHitModel;
}

@ObjectType('SearchConnection')
export class SearchConnection {
  @Field(() => [SearchEdge]) edges: SearchEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'Every published post of the article that matches.' }) totalCount: number;
}

export const SEARCH_MESSAGES = {
  empty: 'Please type a word or two to search for.',
  tooLong: `That is more than a search can hold. A few words work best (up to ${spelled(SEARCH_QUERY_MAX)} characters).`,
  threadPageSize: `Please ask for thread pages of between 1 and ${MAX_PAGE} posts.`,
  noArticle: 'We couldn’t find that article. It may have moved.',
} as const;

/** The words to look for, trimmed; a kind BAD_USER_INPUT when there are none or too many. */
export function searchWords(query: string): string {
  const words = query.trim().replace(/\s+/g, ' ');
  if (words === '') throw badInput('query', SEARCH_MESSAGES.empty);
  if (words.length > SEARCH_QUERY_MAX && Array.from(words).length > SEARCH_QUERY_MAX) throw badInput('query', SEARCH_MESSAGES.tooLong);
  return words;
}

export function threadPageSize(size: number | null | undefined): number {
  const n = size ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw badInput('threadPageSize', SEARCH_MESSAGES.threadPageSize);
  return n;
}

/** A search cursor: the last hit's rank (as PostgreSQL wrote it, so it compares exactly) and id. */
export function encodeSearchCursor(hit: Pick<SearchHitRecord, 'rankText'> & { post: Pick<PostRecord, 'id'> }): string {
  return Buffer.from(`s:${hit.rankText}:${hit.post.id}`).toString('base64url');
}

export function decodeSearchCursor(cursor: string | null | undefined): { rank: string; id: string } | null {
  if (cursor == null || cursor === '') return null;
  const match = /^s:(\d{1,10}(?:\.\d{1,12})?(?:e-?\d{1,2})?):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || !fitsBigint(match[2]) || !fitsReal(Number(match[1]))) throw badInput('after', UNKNOWN_CURSOR);
  return { rank: match[1], id: match[2] };
}

/** A rank PostgreSQL's `real` takes without an out-of-range error (it refuses underflow too); ranks are never negative. */
const fitsReal = (n: number) => n === 0 || (n >= 1e-30 && n <= 1e30);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * ts_headline's plain text as safe HTML: everything escaped, then only the marks PostgreSQL put
 * around matched words become <mark>. The marks are control characters taken out of the body
 * before the headline is made (post.sql.ts), so the author's words cannot forge one.
 */
export function snippetHtml(text: string): string {
  const escaped = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[&<>"']/g, (c) => ESCAPES[c]);
  return escaped.split(MARK_START).join('<mark>').split(MARK_END).join('</mark>');
}
