// Which region's safety services a person sees first on /help. Chosen on the server from the
// browser's languages (Accept-Language), so it works before any JavaScript runs, and always
// open to a change of mind through `?region=` links. No address, no lookup: nothing is stored.

/** The regions of content/resources.md, by the countries (ISO 3166 codes) whose people they serve. */
const COUNTRIES: Record<string, string[]> = {
  'United States': ['US', 'PR', 'GU', 'VI', 'AS', 'MP'],
  Canada: ['CA'],
  'United Kingdom': ['GB', 'IM', 'JE', 'GG'],
  // 112 reaches emergency services in every EU country, free from any phone.
  'European Union': [
    'AT',
    'BE',
    'BG',
    'HR',
    'CY',
    'CZ',
    'DK',
    'EE',
    'FI',
    'FR',
    'DE',
    'GR',
    'HU',
    'IE',
    'IT',
    'LV',
    'LT',
    'LU',
    'MT',
    'NL',
    'PL',
    'PT',
    'RO',
    'SK',
    'SI',
    'ES',
    'SE',
  ],
  Australia: ['AU'],
};

/** The region for everyone else: a directory of helplines in many countries. */
export const ELSEWHERE = 'International';

export function regionSlug(region: string): string {
  return (
    region
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/(^-|-$)/g, '') || 'region'
  );
}

/** The language tags of an Accept-Language header, most wanted first ("*" and q=0 left out). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().split(';');
      const q = params.map((p) => p.trim().match(/^q=([0-9.]+)$/)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The country a language tag points to: its own region ("en-GB"), or the likeliest one ("de" → DE). */
function countryOf(tag: string): string | null {
  try {
    const locale = new Intl.Locale(tag);
    return (locale.region ?? locale.maximize().region ?? null)?.toUpperCase() ?? null;
  } catch {
    return null;
  }
}

/**
 * The region, among those offered, for a person whose browser speaks these languages: the first
 * language whose country a region serves; otherwise ELSEWHERE (when offered) or the first region.
 */
export function regionFor(languages: string[], offered: string[]): string | null {
  for (const tag of languages) {
    const country = countryOf(tag);
    if (!country) continue;
    const region = Object.keys(COUNTRIES).find((name) => COUNTRIES[name].includes(country));
    if (region && offered.includes(region)) return region;
  }
  return offered.includes(ELSEWHERE) ? ELSEWHERE : (offered[0] ?? null);
}

/** A `?region=` slug back to a region offered, or null. */
export function regionFromSlug(slug: string | null, offered: string[]): string | null {
  if (!slug) return null;
  return offered.find((region) => regionSlug(region) === slug) ?? null;
}
