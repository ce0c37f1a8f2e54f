import { describe, expect, it } from '@jest/globals';
import { acceptedLanguages, ELSEWHERE, regionFor, regionFromSlug } from './region';

const OFFERED = ['United States', 'Canada', 'United Kingdom', 'European Union', 'Australia', 'International'];
const pick = (header: string) => regionFor(acceptedLanguages(header), OFFERED);

describe('the region a person sees first on /help', () => {
  it('reads Accept-Language in order of preference', () => {
    expect(acceptedLanguages('fr-CA;q=0.5, en-GB, *;q=0.1, de;q=0')).toEqual(['en-GB', 'fr-CA']);
    expect(acceptedLanguages('')).toEqual([]);
    expect(acceptedLanguages(null)).toEqual([]);
  });

  it('follows the country of the first language a region serves', () => {
    expect(pick('en-US,en;q=0.9')).toBe('United States');
    expect(pick('en-GB,en;q=0.9')).toBe('United Kingdom');
    expect(pick('fr-CA,fr;q=0.9')).toBe('Canada');
    expect(pick('en-AU')).toBe('Australia');
    expect(pick('de-DE,de;q=0.9')).toBe('European Union');
    expect(pick('en-IE')).toBe('European Union');
  });

  it('guesses the likeliest country of a language without one', () => {
    expect(pick('de')).toBe('European Union');
    expect(pick('ja-JP,ja;q=0.9,en-GB;q=0.5')).toBe('United Kingdom');
  });

  it('offers the international directory when no region fits', () => {
    expect(pick('ja-JP')).toBe(ELSEWHERE);
    expect(pick('')).toBe(ELSEWHERE);
    expect(pick('not a tag')).toBe(ELSEWHERE);
    expect(regionFor(['ja-JP'], ['Canada'])).toBe('Canada');
  });

  it('takes a region from a link only when it is offered', () => {
    expect(regionFromSlug('united-kingdom', OFFERED)).toBe('United Kingdom');
    expect(regionFromSlug('narnia', OFFERED)).toBeNull();
    expect(regionFromSlug(null, OFFERED)).toBeNull();
  });
});
