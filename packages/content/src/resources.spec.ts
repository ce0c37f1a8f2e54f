import { ContentError, parseResources, type SafetyResource } from './index.js';
import { RESOURCES_FILE, read } from './test-support.js';

const list = parseResources(read(RESOURCES_FILE), 'content/resources.md');
const find = (name: string, region: string): SafetyResource | undefined =>
  list.resources.find((r) => r.name === name && r.region === region);

describe('content/resources.md', () => {
  it.each([
    ['Emergency services', 'United States', /\b911\b/],
    ['Emergency services', 'Canada', /\b911\b/],
    ['Emergency services', 'United Kingdom', /\b999\b/],
    ['Emergency services', 'European Union', /\b112\b/],
    ['988 Suicide & Crisis Lifeline', 'United States', /call or text 988.*988lifeline\.org/i],
    ['National Domestic Violence Hotline', 'United States', /1-800-799-7233.*text START to 88788.*thehotline\.org/],
    ['Samaritans', 'United Kingdom', /116 123.*jo@samaritans\.org/],
    ['National Domestic Abuse Helpline', 'United Kingdom', /0808 2000 247/],
    ['9-8-8 Suicide Crisis Helpline', 'Canada', /9-8-8/],
    ['Lifeline', 'Australia', /13 11 14/],
    ['1800RESPECT', 'Australia', /1800 737 732/],
    ['Find A Helpline', 'International', /findahelpline\.com/],
  ])('lists %s (%s) with how to reach it', (name, region, contact) => {
    const resource = find(name, region);
    expect(resource).toBeDefined();
    expect(resource!.contact).toMatch(contact);
    expect(resource!.description.length).toBeGreaterThan(10);
  });

  it('gives every service a name, contact, region and description, without leftover markup', () => {
    for (const resource of list.resources) {
      expect(Object.keys(resource).sort()).toEqual(['contact', 'description', 'name', 'region']);
      for (const value of Object.values(resource)) {
        expect(value).not.toBe('');
        expect(value).not.toMatch(/\*\*|^—|—$|^\s|\s$/);
      }
    }
  });

  it('has a warm intro, and no editing comment in it', () => {
    expect(list.title).toBe('If you need help right now');
    expect(list.introHtml).toMatch(/^<p>You don’t have to carry this alone\./);
    expect(list.introHtml).not.toMatch(/Format|<!--|<h2/);
  });
});

describe('parseResources', () => {
  it('reads the documented shape, allowing the separator inside a description', () => {
    const parsed = parseResources('Intro.\n\n## Somewhere\n\n- **Helpline** — Call 123 — Calm — and kind.\n');
    expect(parsed).toEqual({
      title: '',
      introHtml: '<p>Intro.</p>',
      resources: [{ name: 'Helpline', contact: 'Call 123', region: 'Somewhere', description: 'Calm — and kind.' }],
    });
  });

  it.each([
    ['- Helpline — Call 123 — Calm.', /the name must come first, in bold/],
    ['- **Helpline** Call 123 — Calm.', /the name must be followed by " — "/],
    ['- **Helpline** — Call 123', /name, contact and description are all needed/],
    ['Some words.', /only a list of services may follow the heading "Somewhere"/],
  ])('refuses a slip such as %s, naming the file', (line, message) => {
    const attempt = () => parseResources(`Intro.\n\n## Somewhere\n\n${line}\n`, 'content/resources.md');
    expect(attempt).toThrow(ContentError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/^content\/resources\.md: /);
  });

  it('refuses a file without services', () => {
    expect(() => parseResources('Only an intro.', 'r.md')).toThrow('r.md: no services found');
  });
});
