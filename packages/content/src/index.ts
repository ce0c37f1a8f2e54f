export type { Article, ParseArticleOptions, ResourceList, SafetyResource, Section } from './types.js';
export { ContentError } from './errors.js';
export { INTRO_SLUG, parseArticle, sectionPlainText } from './article.js';
export { markdownToPlainText } from './markdown.js';
export { parseResources } from './resources.js';
export { renderPostBody } from './post-body.js';
export { loadArticles, loadContent, loadResources, type Content } from './load.js';
