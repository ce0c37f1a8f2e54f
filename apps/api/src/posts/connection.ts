import { encodeCursor } from '../common/pagination';
import { PostConnection, PostRecord } from './post.model';

/** `rows` holds up to one more than the page size: its presence means there is a next page. */
export function toConnection(rows: PostRecord[], size: number, totalCount: number): PostConnection {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
