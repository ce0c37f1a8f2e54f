// Reading articles, sections and safety resources from the API.
import type { AppLoadContext } from '@remix-run/node';
import {
  ArticleDocument,
  ArticlesDocument,
  GuidelinesDocument,
  HelpDocument,
  SectionPageDocument,
  type ArticlesQuery,
  type GuidelinesQuery,
  type HelpQuery,
  type SectionPageQuery,
  type SectionSummaryFragment,
} from '~/graphql/generated';
import { ApiError, gql } from './api.server';

export type ArticleSummary = ArticlesQuery['articles'][number];
export type SectionSummary = SectionSummaryFragment;

export async function listArticles(request: Request, context: AppLoadContext) {
  const result = await gql(request, context, ArticlesDocument);
  return result.articles;
}

export async function getArticle(request: Request, context: AppLoadContext, slug: string) {
  const result = await gql(request, context, ArticleDocument, { slug });
  if (!result.article) return null;
  const sections = [...result.article.sections].sort((a, b) => a.position - b.position);
  return { ...result.article, sections };
}

export interface SectionPage {
  article: Omit<NonNullable<SectionPageQuery['article']>, 'section'>;
  section: SectionSummary;
}

export async function getSection(
  request: Request,
  context: AppLoadContext,
  articleSlug: string,
  sectionSlug: string,
): Promise<SectionPage | null> {
  const result = await gql(request, context, SectionPageDocument, { slug: articleSlug, section: sectionSlug });
  const article = result.article;
  if (!article?.section) return null;
  const { section, ...rest } = article;
  return { article: { ...rest, sections: [...rest.sections].sort((a, b) => a.position - b.position) }, section };
}

export type SafetyResource = HelpQuery['safetyResources'][number];

export async function getSafetyResources(request: Request, context: AppLoadContext) {
  return gql(request, context, HelpDocument);
}

/** `message`: what a person reads when a post leans this way, the same words the nudges use. */
export type Guideline = GuidelinesQuery['guidelines'][number];

export async function getGuidelines(request: Request, context: AppLoadContext): Promise<Guideline[]> {
  try {
    const result = await gql(request, context, GuidelinesDocument);
    return result.guidelines;
  } catch (error) {
    // The guidelines page must always say something honest; it falls back to the article's principles.
    if (error instanceof ApiError) return [];
    if (error instanceof Response || (error && typeof error === 'object' && 'init' in error)) return [];
    throw error;
  }
}
