/**
 * Sentences of "Rebuilding connection is possible–even when things feel distant", verbatim
 * (typographic apostrophes and dashes included). Rules cite them; the context phase uses them to
 * recognise a poster quoting the article, which never counts against them.
 */
export const ARTICLE_SLUG = 'rebuilding-connection';

export const quotes = {
  notFailure: 'But loss of connection is not the same as failure.',
  notBroken: 'What you’re experiencing may be painful, but it is also common, and it does not automatically mean your marriage is broken.',
  urgency: 'Connection doesn’t return through urgency or intensity.',
  steadiness: 'It returns through steadiness.',
  safety: 'Both people need to feel that they won’t be attacked, cornered, or emotionally overwhelmed.',
  safetyRisky: 'Without safety, openness feels risky, not healing.',
  predictability: 'Connection grows when behavior becomes steady and reliable again.',
  swings:
    'Sudden emotional swings, pressure-filled conversations, or constant checking for reassurance tend to increase distance rather than closeness.',
  respect:
    'Even when hurt or afraid, connection depends on treating the other person as a whole human being — not as a problem to solve, persuade, or extract feelings from.',
  pushHarder: 'When connection fades, the temptation is to push harder — to talk more, explain more, or demand clarity.',
  pressure:
    'That usually makes things worse, not because people are doing something wrong, but because connection doesn’t grow under pressure.',
  signsOfFear: 'These reactions aren’t signs of bad intentions. They’re signs of fear.',
  tooSoon: 'Pushing for clarity or resolution before safety is restored can feel overwhelming, even when the goal is understanding.',
  reassurance: 'Repeatedly asking for closeness, confirmation, or certainty often increases pressure rather than comfort.',
  intensity:
    'Strong emotion can feel honest, but without safety and predictability, it’s often received as demand rather than vulnerability.',
  oldWounds: 'Revisiting past hurts before stability returns can anchor both people in defensiveness instead of repair.',
  honored:
    'Treating the other person as someone to be honored — not persuaded, fixed, or pulled closer — lowers defenses and restores dignity.',
  care: 'Small acts of kindness offered freely — not as bids for reassurance or leverage — rebuild trust over time.',
  safeWithMe: 'You are safe with me — even when things are uncertain.',
  safetyBegins: 'And safety is where connection begins.',
  notToday: 'You don’t need to do everything at once — or even today.',
  slowly: 'You’re allowed to take this slowly.',
  notOver: 'Feeling afraid does not mean your marriage is over.',
  wisdom: 'The goal right now is not certainty —',
  nextStep: 'Take the next right step.',
} as const;

/**
 * Article sentences a poster might quote; matched on normalised text. Kept as short sentence
 * fragments so that a partial quote ("does not mean your marriage is over") is still recognised.
 */
export const articleSentences: readonly string[] = [
  ...Object.values(quotes),
  'Rebuilding connection is possible–even when things feel distant',
  'it’s easy to assume something is fundamentally wrong',
  'Distance can feel like proof that love is gone or that time is running out.',
  'What often causes the most damage isn’t the distance itself',
  'it’s what fear pushes people to do next.',
  'they often try to talk more, explain more, or force emotional closeness before safety has been restored.',
  'These reactions are understandable, but they can increase pressure and deepen withdrawal rather than rebuild trust.',
  'And steadiness can be rebuilt',
  'It grows where safety, predictability, and respect are restored first.',
  'Trying to talk everything through too soon.',
  'Chasing emotional reassurance.',
  'Explaining feelings at full intensity.',
  'Keeping old wounds in constant focus.',
  'But they tend to make distance feel more necessary, not less.',
  'Rebuilding closeness usually begins not with doing more, but with doing less',
  'Consistency over intensity.',
  'Respect without demands.',
  'Space without withdrawal.',
  'Care without expectation.',
  'These shifts don’t force reconnection. They make it possible.',
  'does not mean your marriage is over',
  'It usually means something important is at stake.',
  'it’s wisdom, patience, and restraint.',
  'Rebuilding connection isn’t about urgency — it’s about steadiness.',
  'Giving room for breathing and reflection without disappearing or punishing creates conditions where closeness can grow again.',
];
