import { Field, ObjectType } from '@nestjs/graphql';
import { badInput } from './errors';
import { fitsBigint } from './ids';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export const MAX_PAGE = 100;

/** `first` between 1 and 100; a kind error otherwise. */
export function pageSize(first: number | null | undefined): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw badInput('first', `Please ask for between 1 and ${MAX_PAGE} items at a time.`);
  return n;
}

/** Cursors are opaque to clients: base64url of the post id. */
export function encodeCursor(id: string): string {
  return Buffer.from(`p:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | null {
  if (cursor == null || cursor === '') return null;
  const raw = Buffer.from(cursor, 'base64url').toString();
  const match = /^p:(\d{1,19})$/.exec(raw);
  if (!match || !fitsBigint(match[1])) throw badInput('after', UNKNOWN_CURSOR);
  return match[1];
}

export const UNKNOWN_CURSOR = 'That page link is not one we recognise. Please start from the first page.';
