import type { List, ListItem, RootContent } from 'mdast';
import { ContentError } from './errors.js';
import { optionalString, readFrontMatter } from './front-matter.js';
import { mdastToPlainText, parseMarkdown } from './markdown.js';
import { createSectionRenderer } from './section-html.js';
import type { ResourceList, SafetyResource } from './types.js';

/** Between name, contact and description: an em dash with a space on each side. */
const SEPARATOR = ' — ';

/**
 * `- **Name** — contact — description`. The description may itself contain the separator;
 * the contact may not (it is the field a person in crisis reads first).
 */
function toResource(item: ListItem, region: string, file: string): SafetyResource {
  const line = mdastToPlainText(item).replace(/\s+/g, ' ').trim();
  const problem = (what: string) =>
    new ContentError(file, `resource "${line}" under "${region}": ${what} (expected "- **Name** — contact — description")`);

  const [paragraph, ...extra] = item.children;
  if (paragraph?.type !== 'paragraph' || extra.length > 0) throw problem('an item must be one line');
  const [lead, ...rest] = paragraph.children;
  if (lead?.type !== 'strong') throw problem('the name must come first, in bold');

  const name = mdastToPlainText(lead).trim();
  const after = rest.map(mdastToPlainText).join('').replace(/\s+/g, ' ');
  if (!after.startsWith(SEPARATOR)) throw problem('the name must be followed by " — "');
  const [contact = '', ...description] = after.slice(SEPARATOR.length).split(SEPARATOR);
  if (name === '' || contact.trim() === '' || description.join('').trim() === '') {
    throw problem('name, contact and description are all needed');
  }
  return { name, contact: contact.trim(), region, description: description.join(SEPARATOR).trim() };
}

function regionResources(list: List, region: string, file: string): SafetyResource[] {
  return list.children.map((item) => toResource(item, region, file));
}

/**
 * Parses `content/resources.md`: an intro, then `## Region` headings, each followed by one
 * list of services. Anything else under a region is refused rather than silently skipped, so a
 * service never goes missing from the crisis answer because of a formatting slip.
 */
export function parseResources(source: string, file = '<resources>'): ResourceList {
  const { data, content } = readFrontMatter(source, file);
  const introBlocks: RootContent[] = [];
  const resources: SafetyResource[] = [];
  let region: string | undefined;

  for (const block of parseMarkdown(content).children) {
    if (block.type === 'html') continue; // comments for whoever edits the file
    if (block.type === 'heading' && block.depth === 2) {
      region = mdastToPlainText(block).trim();
    } else if (region === undefined) {
      introBlocks.push(block);
    } else if (block.type === 'list') {
      resources.push(...regionResources(block, region, file));
    } else {
      throw new ContentError(file, `only a list of services may follow the heading "${region}" (found a ${block.type})`);
    }
  }
  if (resources.length === 0) throw new ContentError(file, 'no services found');

  const render = createSectionRenderer(new Set());
  return {
    title: optionalString(data, 'title', file),
    introHtml: render({ type: 'root', children: introBlocks }),
    resources,
  };
}
