import type { SafetyResource } from './content.server';

/**
 * Shown on /help only when the API cannot be reached: a person in danger must never meet an
 * error page. The full list lives in content/resources.md and comes through the API; these are
 * its first lines, in the same regions, so the region chosen for a person still fits.
 */
export const FALLBACK_RESOURCES: SafetyResource[] = [
  {
    region: 'United States',
    name: 'Emergency services',
    contact: 'Call 911',
    description: 'If you or someone else is in immediate danger.',
  },
  {
    region: 'United States',
    name: '988 Suicide & Crisis Lifeline',
    contact: 'Call or text 988, or chat at 988lifeline.org',
    description: 'Free, confidential support for anyone in emotional distress or thinking about suicide, 24 hours a day.',
  },
  {
    region: 'United States',
    name: 'National Domestic Violence Hotline',
    contact: 'Call 1-800-799-7233, text START to 88788, or chat at thehotline.org',
    description: 'Confidential support for anyone experiencing abuse in a relationship, 24 hours a day.',
  },
  {
    region: 'Canada',
    name: 'Emergency services',
    contact: 'Call 911',
    description: 'If you or someone else is in immediate danger.',
  },
  {
    region: 'Canada',
    name: '9-8-8 Suicide Crisis Helpline',
    contact: 'Call or text 9-8-8',
    description: 'Support for anyone thinking about suicide or worried about someone, 24 hours a day.',
  },
  {
    region: 'United Kingdom',
    name: 'Emergency services',
    contact: 'Call 999',
    description: 'If you or someone else is in immediate danger.',
  },
  {
    region: 'United Kingdom',
    name: 'Samaritans',
    contact: 'Call 116 123 (free) or email jo@samaritans.org',
    description: 'Someone to talk to about whatever you are going through, day or night.',
  },
  {
    region: 'European Union',
    name: 'Emergency services',
    contact: 'Call 112',
    description: 'The emergency number in every EU country, free from any phone.',
  },
  {
    region: 'Australia',
    name: 'Emergency services',
    contact: 'Call 000',
    description: 'If you or someone else is in immediate danger.',
  },
  {
    region: 'Australia',
    name: 'Lifeline',
    contact: 'Call 13 11 14',
    description: 'Crisis support and suicide prevention, 24 hours a day.',
  },
  {
    region: 'International',
    name: 'Find A Helpline',
    contact: 'findahelpline.com',
    description: 'A directory of free, confidential helplines in many countries, searchable by country and topic.',
  },
];
