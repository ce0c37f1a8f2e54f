// Reading articles, sections and safety resources from the API.
import type { AppLoadContext } from '@remix-run/node';
import { ApiError, gql } from './api.server';

export interface ArticleSummary {
  slug: string;
  title: string;
  summary: string;
}

export interface SectionSummary {
  id: string;
  slug: string;
  title: string;
  position: number;
  html: string;
  postCount: number;
}

export interface ArticleView extends ArticleSummary {
  published: string | null;
  sections: SectionSummary[];
}

export async function listArticles(request: Request, context: AppLoadContext) {
  const result = await gql<{ articles: ArticleSummary[] }>(
    request,
    context,
    /* GraphQL */ `
      query Articles {
        articles {
          slug
          title
          summary
        }
      }
    `
  );
  return result.articles;
}

export async function getArticle(request: Request, context: AppLoadContext, slug: string) {
  const result = await gql<{ article: ArticleView | null }>(
    request,
    context,
    /* GraphQL */ `
      query Article($slug: String!) {
        article(slug: $slug) {
          slug
          title
          summary
          published
          sections {
            id
            slug
            title
            position
            html
            postCount
          }
        }
      }
    `,
    { slug }
  );
  if (!result.article) return null;
  const sections = [...result.article.sections].sort((a, b) => a.position - b.position);
  return { ...result.article, sections };
}

export interface SectionPage {
  article: { slug: string; title: string; sections: Array<Pick<SectionSummary, 'slug' | 'title' | 'position'>> };
  section: SectionSummary;
}

export async function getSection(
  request: Request,
  context: AppLoadContext,
  articleSlug: string,
  sectionSlug: string
): Promise<SectionPage | null> {
  const result = await gql<{
    article: (SectionPage['article'] & { section: SectionSummary | null }) | null;
  }>(
    request,
    context,
    /* GraphQL */ `
      query SectionPage($slug: String!, $section: String!) {
        article(slug: $slug) {
          slug
          title
          sections {
            slug
            title
            position
          }
          section(slug: $section) {
            id
            slug
            title
            position
            html
            postCount
          }
        }
      }
    `,
    { slug: articleSlug, section: sectionSlug }
  );
  const article = result.article;
  if (!article?.section) return null;
  const { section, ...rest } = article;
  return { article: { ...rest, sections: [...rest.sections].sort((a, b) => a.position - b.position) }, section };
}

export interface SafetyResource {
  name: string;
  contact: string;
  region: string;
  description: string;
}

export async function getSafetyResources(request: Request, context: AppLoadContext) {
  return gql<{ safetyResources: SafetyResource[]; safetyIntroHtml: string }>(
    request,
    context,
    /* GraphQL */ `
      query Help {
        safetyIntroHtml
        safetyResources {
          name
          contact
          region
          description
        }
      }
    `
  );
}

export interface Guideline {
  id: string;
  principle: string;
  title: string;
  quote: string;
  /** What a person reads when a post leans this way: the same words the nudges use. */
  message?: string;
}

export async function getGuidelines(request: Request, context: AppLoadContext): Promise<Guideline[]> {
  try {
    const result = await gql<{ guidelines: Guideline[] }>(
      request,
      context,
      /* GraphQL */ `
        query Guidelines {
          guidelines {
            id
            principle
            title
            quote
            message
          }
        }
      `
    );
    return result.guidelines;
  } catch (error) {
    // The guidelines page must always say something honest; it falls back to the article's principles.
    if (error instanceof ApiError) return [];
    if (error instanceof Response || (error && typeof error === 'object' && 'init' in error)) return [];
    throw error;
  }
}
