import type { SafetyResource } from './content.server';

/**
 * Shown on /help only when the API cannot be reached: a person in danger must never meet an
 * error page. The full list lives in content/resources.md and comes through the API.
 */
export const FALLBACK_RESOURCES: SafetyResource[] = [
  {
    region: 'Anywhere',
    name: 'Emergency services',
    contact: 'Call 911 (US, Canada), 112 (EU and many countries) or 999 (UK)',
    description: 'If you or someone else is in immediate danger, call your local emergency number now.',
  },
  {
    region: 'United States',
    name: '988 Suicide & Crisis Lifeline',
    contact: 'Call or text 988',
    description: 'Free, confidential support, any time of day or night.',
  },
  {
    region: 'United States',
    name: 'National Domestic Violence Hotline',
    contact: 'Call 1-800-799-7233 or text START to 88788',
    description: 'Confidential support for anyone affected by abuse in a relationship.',
  },
  {
    region: 'United Kingdom and Ireland',
    name: 'Samaritans',
    contact: 'Call 116 123',
    description: 'Someone to talk to, any time, about whatever you are going through.',
  },
  {
    region: 'Other countries',
    name: 'Find A Helpline',
    contact: 'findahelpline.com',
    description: 'A directory of free, confidential helplines around the world.',
  },
];
