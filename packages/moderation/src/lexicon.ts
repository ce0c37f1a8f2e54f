/** Shared word lists for detectors (regex source fragments, normalised text: lower case, ASCII apostrophes). */
export const alt = (words: readonly string[]): string => `(?:${words.join('|')})`;

export const YOU_ARE = "(?:you'?re|you are|you r|u r|u are|ur|youre)";
export const SPOUSE_NOUN =
  '(?:husband|wife|hubby|wifey|spouse|partner|dh|dw|ex|ex-husband|ex-wife|boyfriend|girlfriend|fiance|fiancee|mother-in-law|father-in-law|mil|fil)';
export const SPOUSE = `(?:(?:my|your|ur|yr|her|his|their|the|op's|ops) ${SPOUSE_NOUN})`;
export const THIRD_IS =
  "(?:(?:he|she|they) (?:sounds like|seems like|seems|acts like|is acting like|must be|is being|is just|is such)|he'?s|she'?s|he is|she is|they'?re|they are)";
export const SPOUSE_IS = `(?:${SPOUSE}(?:'s| is| sounds like| seems like| seems| must be| is being| acts like| is acting like))`;
export const OP_IS = "(?:op(?:'s| is| sounds like))";
/** "you're", "he's", "my wife is", "OP sounds like" … */
export const PERSON_IS = `(?:${YOU_ARE}|${THIRD_IS}|${SPOUSE_IS}|${OP_IS}|you sound like|you seem|you act like|you must be|you're being|you are being|you're acting like)`;
/** Up to four softeners or intensifiers between the person and the label. */
export const FILLER =
  '(?: (?:absolute|massive|huge|right|proper|colossal|giant|nasty|horrible|awful|terrible|vile|rotten|bitter|petty|whiny|sorry|self-pitying|self-absorbed|self-centered|self-centred|such|so|a|an|the|just|really|totally|completely|absolutely|truly|honestly|clearly|obviously|fucking|freaking|fricking|effing|bloody|damn|damned|little|big|fat|ugly|old|lazy|selfish|stupid|pathetic|disgusting|worthless|useless|sad|sorry|complete|total|utter|real|being|acting|like|some|kind of|sort of|nothing but|one|of|mean|spineless|weak|miserable|entitled)){0,3}';

/** Labels that name-call a person: a hold when aimed at a poster or a spouse. */
export const INSULTS = [
  'pathetic',
  'idiots?',
  'idiotic',
  'absolute (?:idiot|moron|joke|clown|disgrace)',
  'morons?',
  'moronic',
  'losers?',
  'stupid',
  'dumb',
  'dumbass',
  'dumbasses',
  'worthless',
  'disgusting',
  'scum',
  'scumbags?',
  'pigs?',
  'cows?',
  'bitch(?:es)?',
  'bastards?',
  'clowns?',
  'a joke',
  'trash',
  'garbage',
  'freaks?',
  'retards?',
  'retarded',
  'imbeciles?',
  'creeps?',
  'creepy',
  'dickheads?',
  'dicks?',
  'assholes?',
  'arseholes?',
  'a waste of (?:space|oxygen|skin|air|time)',
  'pieces? of (?:shit|garbage|trash|crap|work|dirt)',
  'pos',
  'lowlifes?',
  'parasites?',
  'leech(?:es)?',
  'slobs?',
  'deadbeats?',
  'whores?',
  'sluts?',
  'cunts?',
  'twats?',
  'pricks?',
  'wankers?',
  'douche(?:bag)?s?',
  'jackass(?:es)?',
  'pathetic excuse',
  'spineless',
  'subhuman',
  'vermin',
  'filth',
  'filthy',
  'repulsive',
  'vile',
  'hags?',
  'skank',
  'tramp',
  'brain ?dead',
  'braindead',
  'halfwit',
  'dimwit',
  'simpleton',
  'dense',
  'thick',
  'ignorant',
  'useless',
  'weak',
  'cowards?',
  'gold ?digger',
  'fool',
  'fools',
  'nags?',
  'harpy',
  '(?:horrible|awful|terrible|nasty|vile|disgusting|evil|cruel|pathetic|sick|twisted) (?:person|human being|human|excuse for a \\w{3,10})',
  'a disgrace',
  'an embarrassment',
  'a laughing ?stock',
  'a waste',
  'shrew',
  'brats?',
  'spoiled brats?',
  'crybab(?:y|ies)',
  'snowflakes?',
  'leeches',
  'losers',
  'rats?',
  'snakes?',
  'weasels?',
  'sheep',
] as const;

export const KIDS =
  '(?:the kids|my kids|our kids|the children|my children|our children|my son|my daughter|our son|our daughter|the baby|my baby|our baby|the boys|the girls)';
export const PARTNER_OBJ = `(?:him|her|them|${SPOUSE}|${KIDS}|everyone|all of them|both of them|us all)`;
export const PARTNER_SUBJ = `(?:he|she|${SPOUSE}|my so)`;
