/** The anchor article, as content/articles/rebuilding-connection.md gives it. */
export const ARTICLE = '/articles/rebuilding-connection';
export const ARTICLE_TITLE = 'Rebuilding connection is possible–even when things feel distant';
export const SECTION_TITLES = [
  'What real connection is built on',
  'What quietly undermines reconnection',
  'Where rebuilding usually begins',
  'Where to go next',
  'A quiet reminder',
];
export const SECTION_SLUGS = [
  'intro',
  'what-real-connection-is-built-on',
  'what-quietly-undermines-reconnection',
  'where-rebuilding-usually-begins',
  'where-to-go-next',
  'a-quiet-reminder',
];
