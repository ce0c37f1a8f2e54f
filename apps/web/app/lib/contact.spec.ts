import { describe, expect, it } from '@jest/globals';
import { contactActions, contactParts } from './contact';

const links = (contact: string) =>
  contactParts(contact)
    .filter((p) => p.href)
    .map((p) => [p.text, p.href]);

describe('contactParts', () => {
  it('makes numbers to call tel: links and keeps the words around them', () => {
    expect(links('Call or text 988, or chat at 988lifeline.org')).toEqual([
      ['988', 'tel:988'],
      ['988lifeline.org', 'https://988lifeline.org'],
    ]);
    expect(
      contactParts('Call 116 123 (free) or email jo@samaritans.org')
        .map((p) => p.text)
        .join(''),
    ).toBe('Call 116 123 (free) or email jo@samaritans.org');
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

describe('contactActions', () => {
  const actions = (contact: string) => contactActions(contact).map((a) => [a.kind, a.label, a.href]);

  it('offers both a call and a text where the service takes either', () => {
    expect(actions('Call or text 988, or chat at 988lifeline.org')).toEqual([
      ['call', 'Call 988', 'tel:988'],
      ['text', 'Text 988', 'sms:988'],
      ['web', 'Chat at 988lifeline.org', 'https://988lifeline.org'],
    ]);
    expect(actions('Call or text 9-8-8')).toEqual([
      ['call', 'Call 9-8-8', 'tel:988'],
      ['text', 'Text 9-8-8', 'sms:988'],
    ]);
  });

  it('keeps the keyword a text line asks for, and calls first', () => {
    expect(actions('Call 1-800-799-7233, text START to 88788, or chat at thehotline.org')).toEqual([
      ['call', 'Call 1-800-799-7233', 'tel:18007997233'],
      ['text', 'Text START to 88788', 'sms:88788?&body=START'],
      ['web', 'Chat at thehotline.org', 'https://thehotline.org'],
    ]);
  });

  it('offers a call only, where only a call is offered', () => {
    expect(actions('Call 999')).toEqual([['call', 'Call 999', 'tel:999']]);
    expect(actions('Call 116 123 (free) or email jo@samaritans.org')).toEqual([
      ['call', 'Call 116 123', 'tel:116123'],
      ['email', 'Email jo@samaritans.org', 'mailto:jo@samaritans.org'],
    ]);
    expect(actions('findahelpline.com')).toEqual([['web', 'Open findahelpline.com', 'https://findahelpline.com']]);
  });
});
