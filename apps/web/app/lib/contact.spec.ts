import { describe, expect, it } from '@jest/globals';
import { contactParts } from './contact';

const links = (contact: string) => contactParts(contact).filter((p) => p.href).map((p) => [p.text, p.href]);

describe('contactParts', () => {
  it('makes numbers to call tel: links and keeps the words around them', () => {
    expect(links('Call or text 988, or chat at 988lifeline.org')).toEqual([
      ['988', 'tel:988'],
      ['988lifeline.org', 'https://988lifeline.org'],
    ]);
    expect(contactParts('Call 116 123 (free) or email jo@samaritans.org').map((p) => p.text).join('')).toBe(
      'Call 116 123 (free) or email jo@samaritans.org'
    );
    expect(links('Call 116 123 (free) or email jo@samaritans.org')).toEqual([
      ['116 123', 'tel:116123'],
      ['jo@samaritans.org', 'mailto:jo@samaritans.org'],
    ]);
  });

  it('offers a text message where the service asks for one', () => {
    expect(links('Call 1-800-799-7233, text START to 88788, or chat at thehotline.org')).toEqual([
      ['1-800-799-7233', 'tel:18007997233'],
      ['88788', 'sms:88788?&body=START'],
      ['thehotline.org', 'https://thehotline.org'],
    ]);
  });

  it('leaves text without a way to reach anyone as it is', () => {
    expect(contactParts('Ask a friend')).toEqual([{ text: 'Ask a friend' }]);
    expect(links('findahelpline.com')).toEqual([['findahelpline.com', 'https://findahelpline.com']]);
  });
});
