/**
 * Gentle words for per-thread pseudonyms ("Quiet Harbor", "Patient Cedar").
 * Curated: nothing mocking, nothing that reads as a label of a person or a marriage
 * (no "Lonely", "Broken", "Lost", "Cold", "Wild"), no animals that can be insults.
 * Add words at the END only: names already shown are derived from their index.
 */
export const ADJECTIVES = [
  'Quiet', 'Patient', 'Gentle', 'Steady', 'Calm', 'Kind', 'Warm', 'Still', 'Soft', 'Bright',
  'Hopeful', 'Careful', 'Thoughtful', 'Open', 'Clear', 'Tender', 'Brave', 'Honest', 'Humble', 'Easy',
  'Golden', 'Silver', 'Amber', 'Misty', 'Sunny', 'Mellow', 'Evening', 'Morning', 'Northern', 'Southern',
  'Eastern', 'Western', 'Early', 'Mild', 'Rested', 'Grounded', 'Listening', 'Peaceful', 'Sturdy', 'Faithful',
  'Willing', 'Graceful', 'Curious', 'Earnest', 'Serene', 'Rooted', 'Woven', 'Sheltered', 'Harbored', 'Balanced',
  'Spring', 'Summer', 'Autumn', 'Winter', 'Meadow', 'River', 'Garden', 'Coastal', 'Highland', 'Valley',
  'Lantern', 'Candle', 'Cedar', 'Maple',
] as const;

export const NOUNS = [
  'Harbor', 'Cedar', 'River', 'Meadow', 'Lantern', 'Willow', 'Stone', 'Garden', 'Hill', 'Brook',
  'Oak', 'Pine', 'Maple', 'Birch', 'Fern', 'Moss', 'Clover', 'Heather', 'Juniper', 'Laurel',
  'Harvest', 'Orchard', 'Valley', 'Shore', 'Cove', 'Bay', 'Lake', 'Pond', 'Spring', 'Stream',
  'Path', 'Bridge', 'Porch', 'Hearth', 'Window', 'Candle', 'Kettle', 'Quilt', 'Compass', 'Anchor',
  'Sparrow', 'Wren', 'Heron', 'Robin', 'Finch', 'Dove', 'Swallow', 'Lark', 'Kestrel', 'Plover',
  'Morning', 'Evening', 'Dawn', 'Dusk', 'Horizon', 'Tide', 'Breeze', 'Cloud', 'Rain', 'Snow',
  'Ember', 'Lighthouse', 'Haven', 'Field',
] as const;
