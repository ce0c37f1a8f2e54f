// Searching an article's conversations (ADR 019): the API ranks and cuts the snippets; this
// reads the form's words, asks, and turns each hit into a link to the thread page that shows it.
import type { AppLoadContext } from '@remix-run/node';
import { ArticleTitleDocument, ErrorCode, SearchPostsDocument } from '~/graphql/generated';
import { ApiError, gql } from './api.server';
import { PAGE_SIZE } from './posts.server';
import { onlyMarks, threadHref } from './search-links';

/** Results on one page of the search. */
export const RESULTS_PAGE = 10;

export interface SearchHit {
  postId: string;
  pseudonym: string;
  createdAt: string;
  isReply: boolean;
  sectionTitle: string;
  /** The thread page that shows the post, at the post. */
  href: string;
  /** HTML: escaped text, the matched words in <mark> (checked again by `onlyMarks`). */
  snippet: string;
}

export type SearchResult =
  | { state: 'idle' }
  | { state: 'refused'; message: string }
  | { state: 'found'; total: number; hits: SearchHit[]; endCursor: string | null; hasNextPage: boolean };

/** The words as typed, trimmed; nothing to search for when empty. Too long is the API's to refuse, kindly. */
export function searchWordsOf(url: URL): string {
  return (url.searchParams.get('q') ?? '').trim();
}

export async function searchArticle(
  request: Request,
  context: AppLoadContext,
  articleSlug: string,
  words: string,
  after: string | null,
): Promise<{ article: { slug: string; title: string } | null; result: SearchResult }> {
  if (!words) return { article: await articleOf(request, context, articleSlug), result: { state: 'idle' } };
  try {
    const data = await gql(request, context, SearchPostsDocument, {
      slug: articleSlug,
      query: words,
      first: RESULTS_PAGE,
      after,
      threadPageSize: PAGE_SIZE,
    });
    const { searchPosts } = data;
    return {
      article: data.article,
      result: {
        state: 'found',
        total: searchPosts.totalCount,
        endCursor: searchPosts.pageInfo.endCursor ?? null,
        hasNextPage: searchPosts.pageInfo.hasNextPage,
        hits: searchPosts.edges.map(({ node }) => ({
          postId: node.post.id,
          pseudonym: node.post.pseudonym,
          createdAt: node.post.createdAt,
          isReply: node.post.depth > 0,
          sectionTitle: node.section.title,
          href: threadHref(articleSlug, node),
          snippet: onlyMarks(node.snippet),
        })),
      },
    };
  } catch (error) {
    if (error instanceof ApiError && error.code === ErrorCode.NOT_FOUND) return { article: null, result: { state: 'idle' } };
    if (error instanceof ApiError && error.code === ErrorCode.BAD_USER_INPUT) {
      return { article: await articleOf(request, context, articleSlug), result: { state: 'refused', message: error.message } };
    }
    throw error;
  }
}

async function articleOf(request: Request, context: AppLoadContext, slug: string) {
  return (await gql(request, context, ArticleTitleDocument, { slug })).article;
}
