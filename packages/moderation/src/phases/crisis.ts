import { quotes } from '../article.js';
import { KIDS, PARTNER_OBJ, PARTNER_SUBJ } from '../lexicon.js';
import { find, notAfter, notBefore, rx, anyOf } from '../match.js';
import type { Range, Rule } from '../types.js';

// A plain "not" or "never" right before ("I'm not suicidal", "I would never hurt myself").
const SELF_NEGATION = /(?:\bnot|\bnever|n't|\bno longer)([a-z0-9 ]{0,40})$/;
/** A "not" or "never" at most two words before ("I'm not suicidal"; but "I can't stop thinking about dying" is no negation). */
const selfNegated = (lead: string): boolean => {
  const m = SELF_NEGATION.exec(lead);
  return m !== null && m[1].trim().split(' ').filter(Boolean).length <= 2;
};
const SUICIDE_ABOUT_OTHERS =
  /(?:\bdied by|\bcommitted|\b(?:his|her|their|dad's|mom's|mum's|father's|mother's|brother's|sister's|friend's|son's|daughter's|cousin's|uncle's|aunt's)|\bprevention|\bawareness|\bhotline|\bsurvivor of)\s?$/;

const SELF_HARM = anyOf(
  [
    '(?:kill|killing|killed|hurt|hurting|harm|harming|cut|cutting|burn|burning|starve|starving|hang|hanging|drown|drowning|shoot|shooting|poison|poisoning|off|offing|end|ending|unalive|unaliving) (?:my ?self)',
    '(?:end|ending|take|taking|ended|took) (?:my (?:own )?life|it all|things for good|everything for good)',
    'suicid(?:e|al)\\w{0,6}',
    'self[- ]?harm\\w{0,4}',
    '(?:want|wants|wanted|wanting|wish|wishes|wished|going|ready|planning|plan|plans|about|trying|tried|try|tempted|longing|long|need|needs) to (?:die|be dead|not exist|stop existing|disappear forever|end it|end it all|end my life|kill myself)',
    'wanna (?:die|be dead|end it)',
    "wish (?:i|i'd) (?:was|were|could be|had been|'d been) (?:dead|gone for good|never born|not alive)",
    'wish i (?:could )?(?:disappear|vanish|fall asleep) (?:forever|for good|permanently|and not wake up|and never wake up)',
    '(?:go to sleep|fall asleep|sleep) and (?:never|not) wake up',
    "(?:don't|do not|didn't|never) want to (?:wake up|be alive|exist|be here anymore|be here any more|live anymore|live any more|go on|keep living)",
    "(?:better off|happier|be fine|be okay|be ok|be better|easier|lighter) (?:for everyone )?(?:without me|if i (?:just |simply |was |were )?(?:was|were|wasn't|weren't|didn't|did not|wasn't even|weren't even) ?(?:gone|dead|here|around|alive|exist|born|in it|in the picture|wake up)|with me gone|dead|once i'm gone|when i'm gone)",
    '(?:picturing|imagining|thinking about|planning|plan|planned|visuali[sz]ing|dreaming about) (?:my own|my) (?:funeral|death|suicide|grave|last day)',
    "(?:the )?(?:world|everyone|everybody|my family|my kids|the kids|he|she) (?:would|will|'d) (?:be )?(?:better|happier|fine|okay|relieved|lighter)(?: off)? (?:without me|if i (?:just )?(?:was|were|wasn't|weren't|didn't|died|disappeared|was gone|were gone))",
    "(?:won't|will not|wont|not going to|may not|might not) be (?:around|here|alive) (?:much longer|for (?:much )?(?:longer|long)|by (?:tomorrow|the weekend|next week|christmas)|next (?:week|month|year)|to see|tomorrow|anymore|any more|for christmas|for (?:their|his|her|my) birthday)",
    'by the time (?:you|anyone|someone) (?:reads?|sees?|finds?) this',
    'this is my (?:last|final) (?:post|message|goodbye)',
    '(?:saying|said|say) (?:my )?goodbyes?(?: to (?:everyone|my kids|the kids|everybody))',
    'giv(?:e|ing|en) away (?:my|all my) (?:things|stuff|belongings|possessions)',
    '(?:pills|tablets|meds|sleeping pills|painkillers) (?:saved|stashed|stockpiled|hidden|hoarded|ready|set aside|lined up)',
    '(?:take|taking|swallow|swallowing|took|swallowed|down|downed) (?:all|a bunch|a handful|handfuls|the whole|every one|all of|too many|loads) (?:of )?(?:my |the |her |his |those )?(?:pills|sleeping pills|tablets|meds|medication|bottle|painkillers)',
    '\\bkms\\b|sewerslide|unalive',
    'the (?:night|day) i (?:finally )?(?:do it|end it|end things|go through with it|kill myself|take the pills)',
    "(?:i'm|i am|im) ready to go[.!]|(?:i've|i have|ive) said (?:my )?goodbyes?(?: to (?:everyone|everybody|my kids|the kids|my family))?[.!]",
    '(?:sliced|slashed|slit|cut|burned|burnt|scratched|stabbed|carved) (?:into )?(?:my|myself|my own) (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|hand)\\b',
    '(?:want|wanna|need) out of (?:this life|life|this world|existence|being alive)',
    '(?:want|need) (?:it all|everything|this|the pain|my life|all of it|all this) to (?:stop|end)[.!,]? (?:forever|for good|permanently)',
    '(?:tie|tying|tied|make|making|bought|buy) (?:a |the )?noose|hang(?:ing)? myself|(?:the|a) noose\\b(?! (?:around|round) (?:this|our|the|my) (?:marriage|relationship))',
    'walk(?:ing)? into (?:the|a) (?:sea|river|lake|ocean|traffic|water)',
    "(?:going to|gonna|started to|start to|i'll|i will|plan to) (?:save|stockpile|hoard|collect|store) (?:them|my (?:meds|pills|tablets|medication)) ?(?:up)?|stopped taking my (?:meds|medication|pills|tablets) (?:and|so|to)",
    "(?:hoping|hope|pray|praying|wish|wishing) (?:that )?i (?:won't|don't|never|do not|will not|wouldn't) wake up",
    "(?:don't|do not) want to do (?:life|this life|anything|living) (?:anymore|any more)|done with (?:everything|it all|all of it)[.!]",
    "(?:it's|its|it is) time for me to go[.!]|made (?:my )?peace with (?:dying|death|my death|leaving this world|going|my decision to die)",
    "(?:after|when|once) i'm gone\\b(?! (?:for|on|to|at|away|from|with|during|over|this|next|all|the|a)\\b)",
    "if i (?:crashed|died|didn't wake up|did not wake up|got hit by|was hit by|was in an accident|had an accident|never woke up)[^.!?\\n]{0,50}(?:wouldn't|would not|don't think i'd|i'd not|not) (?:mind|care)",
    '(?:scratch|scratching|scratched|hit|hitting|bite|biting|burn|burning|pick|picking|punch|punching) (?:my|myself)[a-z0-9 ]{0,22}? until (?:it|they|i) (?:bleeds?|bled|bruises?|hurts?)',
    '(?:knife|blade|razor)[^.!?\\n]{0,40}(?:my wrists?|my arms?)|(?:looking|staring|stare|look) at my wrists',
    '(?:have|got|made) a plan and a (?:date|time|method|place)',
    'end (?:my|the|all this|all the) (?:suffering|misery)|this is (?:goodbye|my goodbye|farewell)\\b|goodbye (?:everyone|all|world|forever)[.!]',
    'no (?:reason|point|purpose) for me (?:to|in) (?:keep going|go on|going on|carry on|live|living|be here|stay|exist)',
    '(?:take|taking|swallow|swallowing|took) (?:every|each) (?:pill|tablet|painkiller)\\b',
    '(?:imagining|imagine|picturing|picture|thinking about|dreaming about|dream about) (?:my car|myself|me) (?:going|driving|crashing|falling|jumping|flying|swerving) (?:off|into|from|over)',
    '(?:pills|tablets|meds|painkillers)[^.!?\\n]{0,50}(?:take|swallow|down) (?:them all|all of them|the lot|every one|the whole (?:bottle|packet|box))|(?:take|swallow) (?:them|all of them) all\\b',
    'no (?:point|reason|purpose) (?:in )?(?:living|going on|being alive|carrying on|existing|to live|to go on)',
    '(?:stash|stockpile|hoard|supply|bottles?|boxes|packets|load|handful) of (?:pills|tablets|painkillers|sleeping pills|paracetamol|meds)',
    '(?:feel like|thinking (?:about|of)|want to|wanna|going to|gonna|ready to|planning to|tempted to) (?:just )?end(?:ing)? it(?! (?:with|between|all with|off|now and|and (?:move|start|get)))\\b',
    "(?:don't|do not|no longer|not sure i|don't think i|dont think i|can't say i|never) [a-z0-9 ]{0,22}?\\b(?:want|wanna|wish) to (?:be alive|live|exist|be here|wake up|go on|keep living|keep going)(?! (?:like this|this way|with|in (?:this|a|the)|without|under|there|near|together|here (?:in|with)))",
    "(?:won't|will not|wont|not going to|won't be|shan't) be (?:a (?:problem|burden|bother|nuisance)|around|here|in (?:anyone's|your|their) way|bothering (?:anyone|you)) (?:for (?:anyone|you|them|everyone) )?(?:much longer|for (?:much )?longer|for long|soon|after (?:tonight|today|this week))",
    "(?:wrote|written|writing|left|leave|leaving|write) (?:a |my |the )?(?:note|letter|letters|notes|goodbye) (?:for|to) (?:my|the|our) (?:kids|children|family|parents|son|daughter|boys|girls)(?!'|s'| teacher| school| (?:about|saying|asking|reminding))",
    "disappear (?:and never come back|forever|for good|permanently|without a trace|from (?:this world|existence|everyone's lives))",
    "(?:i've|i have) (?:thought|been thinking) about how(?: i(?:'d| would) do it| to do it| to end it)?[.!]|i know (?:exactly )?how i(?:'d| would| will) do it|(?:i have|i've got|i got) a plan[.!]|(?:i've|i have) (?:picked|chosen|set) (?:a|the) date",
    '(?:pills|tablets|rope|gun|razor|blade|knife|bottle of (?:pills|tablets|vodka and pills)|noose)s? [a-z0-9 ]{0,22}?\\b(?:right here|ready|lined up|in front of me|in my hand|next to me|beside me|counted out|on the table)',
    '(?:done|finished|through) with (?:life|living|being alive|this life|existing|this world|it all)\\b',
    '(?:ways|way|how|methods?|the best way|easiest way|painless way) to (?:die|kill myself|end it all|end it|end things|end my life|overdose|not wake up|hang myself)\\b(?! (?:with|between|in (?:the|our|this) (?:marriage|relationship)))',
    '(?:researching|googling|googled|looking up|looked up|searching|searched|reading about) (?:ways|how|methods|the best way|the easiest way|painless ways) to (?:die|end it|end my life|kill myself|overdose)',
    "how many (?:pills|tablets|paracetamol|sleeping pills|painkillers) (?:it )?(?:would|does|takes|to|will|it'd)",
    // A wish, plan or recurring thought about one's own death, in many words.
    '(?:thinking|thought|thoughts|think|dreaming|fantasi[sz]ing|obsessing) [a-z0-9 ]{0,33}?\\b(?:about|of) (?:dying|death|being dead|not existing|not waking up|suicide|ending (?:it|it all|my life|things)|killing myself|hurting myself|harming myself|cutting|overdosing|jumping)\\b(?! (?:of|in) (?:my|a|the) (?:dad|mum|mom|father|mother|friend|parent|grandparent|family|character|film|show|book))',
    '(?:planning|plan|planned|decided|deciding|going|ready|intend|intending|preparing) (?:on |to )?(?:ending it|end it|ending it all|ending things|end things|ending my life|end my life|killing myself|kill myself|taking my (?:own )?life|take my (?:own )?life|checking out for good)\\b(?! (?:with|between|in (?:the|our|this) (?:marriage|relationship)))',
    '(?:want|need|wish|wanting)(?: for)? (?:the|this|all the|my) (?:pain|hurting|suffering|hurt) to (?:stop|end|go away)',
    "(?:(?:nothing|no one|nobody) (?:left )?(?:for me|to live for)|there's nothing left for me)(?! (?:in|with|here in) (?:this|the|my|our) (?:marriage|relationship|house|town|job))",
    '(?:said|say|saying) (?:what i (?:needed|wanted) to say|my goodbyes|goodbye) to (?:the people|everyone|my (?:kids|family|friends))',
    '(?:garage|car)[^.!?\\n]{0,40}engine running|engine running[^.!?\\n]{0,40}(?:garage|closed)|hose (?:pipe )?(?:to|from|on) the exhaust',
    "(?:would be|would feel like|will be|it'd be) (?:a )?(?:relief|peaceful|easier|a release|freedom) (?:to (?:die|not wake up|not exist|not be here|be dead|disappear|go to sleep forever))",
    '(?:sleep|go to sleep|fall asleep) (?:forever|and not wake up|and never wake up|for good)',
    "(?:i|i'll|i will|i'm going to|i'm gonna) kill myself\\b",
    '(?:no|the only) way out (?:except|but|other than|is) (?:dying|death|to die|suicide|ending it|ending my life)',
    '(?:written|wrote|finished|finishing|writing) my (?:letters|notes|goodbye letters|final letters|last letters|goodbyes)\\b|goodbye (?:letters?|notes?|messages?|videos?)\\b|(?:wrote|written|writing|write) (?:letters|notes|a letter|a note) to (?:my kids|the kids|everyone|my family|my children) (?:for when|in case|explaining why)',
    "if i (?:was|were|am|'m|just|was just|were just) (?:gone|dead|no longer (?:here|around|alive)|not here|not around|not alive)\\b(?! (?:for|on|to|at|away|from|with|during|over|this|next|all)\\b)",
    "(?:no one|nobody|noone|none of them|they|he|she|my kids|my family) (?:would|will|'d)(?: even| really)? (?:miss me|notice i'm gone|notice if i'm gone|care if i die|care if i'm dead)|(?:wouldn't|would not|won't) (?:even )?miss me\\b",
    "(?:don't|do not) deserve to (?:live|be alive|be here|exist)",
    'hate (?:being alive|living|existing|waking up every (?:day|morning))',
    "wish i(?:'d| had) never been born",
    "what(?:'s| is) the point (?:in|of) (?:living|going on|life|being alive|even being here|it all|carrying on|waking up)",
    "(?:don't|do not|dont) (?:want|wanna) to (?:live|exist|be alive|be here)(?! (?:like this|this way|with|in|without|under|here|there|near))",
    'wanna (?:die|be dead|end it|not exist|disappear forever)',
    '(?:been|started|start|keep|kept|back to|went back to|urge to|urges to|thinking about|relaps\\w{1,4} (?:into|on)|was) cutting(?! (?:back|down|corners|out|off|ties|him|her|them|the|my hair|costs|carbs|sugar|it close|class|school|work|contact|people|friends|my losses))',
    'cutting again|cut (?:my )?(?:arms|wrists|legs|thighs|skin)|(?:burn|burning|burned|burnt) myself|scratch(?:ing|ed)? myself until|hit(?:ting)? myself',
    '(?:bridge|tracks|train|trains|cliff|ledge|roof|balcony|motorway|highway|oncoming traffic|the river|the sea|pills|medicine cabinet)[^.!?\\n]{0,60}(?:how easy it would be|easy it would be|just (?:jump|step|let go|swerve|take them)|end it|make it stop|never come back)',
    '(?:how easy|so easy) it would be to (?:just )?(?:jump|step off|step in front|swerve|let go|end it|not come home|take them all|drive off)',
    '(?:saved|saving|stockpil\\w{1,4}|hoard\\w{0,3}|collect\\w{0,3}|counting) (?:up )?(?:my |the |some |enough )?(?:pills|sleeping pills|tablets|meds)',
    'overdos(?:e|ed|ing)',
    'jump (?:off|from|in front of) (?:a|the) (?:bridge|roof|building|train|balcony|cliff)',
    '(?:step|walk|throw myself|jump) in front of (?:a|the) (?:train|bus|truck|car|lorry)',
    '(?:drive|driving|drove|crash|crashing|steer|steering|swerve|swerving) (?:my car |the car )?(?:into|off) (?:a|the) (?:tree|wall|river|bridge|cliff|oncoming|road|motorway|highway|overpass|edge|lorry|truck)',
    'no (?:reason|point|will) (?:to|in) (?:live|living|go on|going on|being alive|being here|carrying on|keep going|wake up|waking up)',
    '(?:nothing|no one|nobody|noone) (?:left )?to live for',
    "can't (?:go on|carry on|keep going|keep living|live)(?: anymore| any more| any longer)",
    '(?:want|need) (?:it all|everything|the pain|this pain|my life|the hurt) to (?:end|stop) (?:forever|for good|permanently)',
    'want (?:it all|everything|my life) to (?:end|be over)',
    'tired of (?:living|being alive|existing|life itself)',
    "(?:don't|do not|can't) see (?:the|a|any) (?:point|reason) (?:in|of|to) (?:living|life|going on|being alive|being here|anything anymore)",
    "life (?:isn't|is not|isnt|is no longer|has stopped being) worth (?:living|it)",
    '(?:rather|prefer to) (?:be dead|die|not exist|not be alive|not wake up|not be here)\\b',
    '(?:want|wish|wanna|need|ready|longing) to be gone\\b(?! (?:for|from|by|before|when|on|at|until|all))',
    '(?:jump|jumping|step|stepping|walk|walking|throw myself|throwing myself|lie down|lying down) in front of (?:a|the) (?:train|bus|truck|car|lorry|tram)',
    '(?:thoughts|thinking|thought|think) (?:about|of) (?:dying|death|ending it|ending my life|killing myself|not being here|not being alive|suicide|ending things)',
    'slit(?:ting)? my wrists?',
    "(?:everyone|everybody|no one|nobody|they|my kids|the kids|he|she) would(?:n't| not)? (?:even )?(?:notice|care|miss me) if i (?:was|were|died|disappeared|was gone|were gone)",
    '(?:planning|plan|planned|wrote|written|writing) (?:my|a) (?:suicide note|goodbye letter|goodbye note|note to the kids|funeral)',
    '(?:ending|end) things(?! with| between| in| at| on)',
    '(?:the|a) (?:rope|noose) (?:ready|in the garage|in the shed)',
    '(?:pills|rope|gun|razor|blade)s? (?:ready|lined up|in front of me|in my hand)',
    "don't think i can (?:do this|go on|keep going|survive this) much longer",
    "(?:i'm|i am|feel) (?:a burden to everyone|such a burden|nothing but a burden|a burden on everyone)",
  ],
  '\\b',
);

const DANGER = anyOf(
  [
    // Physical violence by the spouse.
    `${PARTNER_SUBJ} [a-z0-9 ]{0,26}?\\b(?:hit|hits|hitting|punched|punches|punch|slapped|slaps|slap|kicked|kicks|kick|choked|chokes|choke|choking|strangled|strangles|strangle|beat|beats|beating|shoved|shoves|raped|rapes|bit|bites|smacked|smacks|headbutted|spat on|spits on|strangled|suffocated|dragged|threw [a-z0-9 ]{0,26}?\\bat) me\\b`,
    `${PARTNER_SUBJ} [a-z0-9 ]{0,26}?\\b(?:pushed|pushes|shoved|threw|throws|slammed|slams|pinned|pins) me (?:down|against|into|over|to the (?:floor|ground)|hard|so hard|across)`,
    `${PARTNER_SUBJ} [a-z0-9 ]{0,26}?\\b(?:grabbed|grabs|squeezed|twisted) (?:me by|my (?:arm|wrist|neck|throat|hair|face))`,
    `(?:hit|hits|punched|slapped|kicked|choked|strangled|beat|beats|shoved|raped) me (?:again|last night|yesterday|today|this morning|in front of)`,
    // Fear for one's safety.
    `(?:afraid|scared|terrified|frightened|fear(?:ful)?) (?:of|for) (?:my (?:life|safety|kids' safety|children's safety)|the (?:kids'|children's) safety|what (?:he|she|my husband|my wife|my partner)(?:'ll| will| might| could| would|'d) do)`,
    `(?:afraid|scared|terrified|frightened) (?:of|to be alone with|to be around) (?:him|her|my husband|my wife)\\b(?! leaving| losing| going| finding| cheating)`,
    `(?:afraid|scared|terrified|frightened|worried|fear) (?:that )?(?:he|she|my husband|my wife)(?:'ll| will| might| is going to|'s going to| could| would|'d| is gonna|'s gonna) (?:hurt|kill|hit|attack|beat|strangle|harm) (?:me|us|the kids|my kids|our kids|the children|himself|herself|someone)`,
    `(?:afraid|scared|terrified) to go (?:back )?home`,
    `(?:afraid|scared|terrified|frightened) to (?:be|stay|sleep) (?:in|at) (?:the|our|my|this) (?:house|home|flat|apartment|bed)|(?:afraid|scared|terrified) to (?:be|stay) alone with (?:him|her)`,
    `(?:hands?|fingers|arm) (?:around|round|on) my (?:neck|throat)`,
    `(?:put|puts|held|holds|pointed|points|pressed|presses) (?:a |the |his |her )?(?:gun|knife|blade|pistol|rifle) (?:to|at|against) my (?:head|throat|face|neck|chest|stomach)`,
    `(?:slammed|slams|smashed|smashes|banged|bangs|hit|hits|pushed|shoved|threw|throws) my (?:head|face|body) (?:into|against|on|off|through)`,
    `(?:burn|set fire to|torch) (?:the house|the place|our home|our house|the flat|my flat|the apartment)(?: down)? with (?:me|us|the kids|the children|my kids) (?:in it|inside)|(?:hunt|track) me down|(?:he|she|my husband|my wife)(?:'ll| will| would|'d| is going to| said (?:he|she)(?:'d|'ll| would| will)) (?:hunt|track|come after|find) me\\b(?! (?:a|some|the))`,
    `(?:forces?|forced|forcing) (?:himself|herself) on me|(?:makes|made|forces|forced) me (?:have sex|do things|sleep with)|won't take no for an answer (?:in bed|sexually)`,
    `(?:attacked|attacks|attacking|assaulted|assaults|went for|goes for|came at|comes at|lunged at|stabbed|stabs|cut) me(?: with| using)? (?:a |the |his |her )?(?:knife|blade|bat|hammer|weapon|bottle|glass|scissors|belt|fists?)`,
    `${PARTNER_SUBJ} [a-z0-9 ]{0,26}?\\b(?:attacked|attacks|assaulted|assaults|stabbed|stabs) me\\b`,
    `(?:held|pressed|put|holds|presses) (?:a |the |his |her )?(?:pillow|hand|hands) over my (?:face|mouth|nose)`,
    `(?:put|puts|laid|lays|has put|has laid) (?:his|her) hands on me|(?:gets|got|getting|became|becomes|can get) [a-z0-9 ]{0,11}?\\bphysical(?! (?:therapy|activity|exercise|health|intimacy|affection|touch))`,
    `(?:took|takes|hid|hides|smashed|broke) (?:the car keys|my keys|my phone|my passport|my car keys)[^.!?\\n]{0,60}(?:not going anywhere|can't leave|won't let me|couldn't leave)|(?:said|says|told me) i'm not (?:going|leaving) anywhere`,
    `(?:shook|shakes|shaking|hit|hits|beat|beats|slapped|slaps|kicked|kicks|threw|punched|choked|strangled|burned) (?:our|my|the) (?:baby|son|daughter|kids|children|toddler|infant|little one|boy|girl)\\b`,
    `(?:hurt|hurts) (?:our|my|the) (?:baby|son|daughter|kids|children|toddler|little one)\\b(?!'s feelings| feelings|'s pride)`,
    `${PARTNER_SUBJ} [a-z0-9 ]{0,22}?\\b(?:might|will|could|is going to|'s going to|'ll|would|is gonna|'s gonna) [a-z0-9 ]{0,11}?\\b(?:kill|seriously hurt|really hurt|badly hurt|strangle|murder|shoot|stab) me\\b`,
    `(?:dragged|pulled|yanked) me (?:by my (?:hair|arm|neck|clothes)|across|down|out of)`,
    `(?:he|she|my husband|my wife) (?:has|keeps|owns|bought|got|showed me|has got) (?:a |his |her )?(?:gun|knife|weapon|rifle|shotgun|pistol)`,
    `if i (?:ever )?(?:leave|go|try to leave|tell anyone|call the police|report (?:him|her))[^.!?\\n]{0,50}(?:he|she)(?:'ll|'d| will| would| is going to| said (?:he|she)(?:'d|'ll| would| will)) (?:use it|kill|hurt|find me|shoot|make me pay|end me|finish me)`,
    `(?:he|she|my husband|my wife|my partner) (?:is|'s|gets|got|has been|becomes|became|can be) [a-z0-9 ]{0,11}?\\b(?:violent|physically abusive|physical with me|rough with me)`,
    `(?:domestic (?:violence|abuse)|physically abus(?:ive|ed|ing))`,
    `(?:he|she) (?:hurt|hurts|hurting) me (?:physically|badly|again|so badly|last night)`,
    `(?:threatened|threatens|threatening) (?:me|my life|my kids|the kids)\\b(?! with (?:divorce|leaving|a lawyer|custody))`,
    `(?:don't|do not|never|no longer|doesn't|does not) feel (?:physically )?safe (?:at home|in my (?:own )?(?:home|house)|around (?:him|her)|with (?:him|her)|in the house|in our house|anymore)`,
    `(?:i'm|i am|we're|we are|kids are|children are) not safe(?: at home| with (?:him|her)| around (?:him|her)| here| in this house|[.!]|,? (?:he|she))`,
    `(?:i'm|i am|we're|we are|i've|i have) (?:locked|hiding|barricaded|locked myself|hidden) in (?:the|my|a) (?:bathroom|bedroom|car|room|closet|toilet)`,
    `(?:threatened|threatening|threatens|threaten) (?:me |us )?(?:to )?(?:kill|hurt|hit|beat|shoot|stab|strangle|harm|take the kids and|burn)`,
    `(?:threatened|threatening|threatens) me with (?:a )?(?:knife|gun|weapon|violence)`,
    `(?:said|says|saying|keeps saying|kept saying|told me|tells me|swore|screamed|yelled|texted|threatens|threatened) (?:that )?(?:he|she)(?:'d| would|'ll| will| is going to|'s going to| was going to) (?:kill|hurt|hit|beat|strangle|shoot|stab) (?:me|us|the kids|the children|my kids|himself|herself|you)`,
    `(?:pulled|held|pointed|waved|brandished|grabbed) (?:a|the|his|her) (?:knife|gun|weapon) (?:at|on|to) (?:me|my|us)`,
    `locks? me in|locked me in|won't let me (?:leave the house|leave|see my (?:family|friends)|have my phone|have money)`,
    `(?:bruises|bruised|bruising) (?:on my|from (?:him|her|where)|all over)|(?:left|leaves|gave me) (?:me )?(?:a )?(?:bruises?|black eye|mark on my)|black eye|split lip`,
    `hiding (?:from (?:him|her|my husband|my wife)|in the (?:bathroom|car|bedroom|closet|garage|basement))|locked myself in (?:the )?(?:bathroom|bedroom|car)`,
    `(?:smashing|smashed|breaking|broke|throwing|threw) (?:things|stuff|plates|glasses|furniture|the furniture|my (?:phone|things|stuff))(?: at me| around| again|\\.|,| and)`,
    `punch(?:ed|es|ing)? (?:the|a) (?:wall|door|window) (?:next to|beside|near|by|right by) (?:me|my (?:head|face))`,
    `(?:broke|broken|fractured|cracked) my (?:wrist|arm|nose|rib|ribs|jaw|finger|hand)`,
    `(?:had to|going to|should i|need to|might) call (?:the police|911|999|000|112|the cops) (?:on|because of|about)? ?(?:him|her|my husband|my wife)?`,
    `marital rape|forced me to have sex|forces me to (?:have sex|sleep with)|(?:makes|made) me have sex when i (?:say|said) no`,
    `(?:hurt|hurts|hurting|hit|hits|beat|beats) (?:the kids|our kids|my kids|the children|our children|the baby)\\b`,
  ],
  '\\b',
);

// The author threatening their spouse or children. Hyperbole with "could" ("I could kill him
// for leaving socks out") and "kill for" stay publishable.
const THREAT_TO_FAMILY = rx(
  "\\b(?:i'm going to|im going to|i am going to|i'm gonna|im gonna|i am gonna|i'll|ill|i will|i want to|i wanna|i'm about to|i am about to|i swear i'll|i swear i will|i'm ready to|i feel like i'm going to|i might actually|i'm tempted to|part of me wants to|i've thought about|i have thought about|thinking about|i keep thinking about|fantasi[sz]e about|i dream about) ",
  '(?:kill|killing|physically hurt|seriously hurt|strangle|strangling|murder|murdering|stab|stabbing|shoot|shooting|beat|beating|choke|choking|smother|smothering|poison|poisoning|run over|running over|drown|drowning|punch|punching|hit|hitting|burn|burning|slap|slapping) ',
  `${PARTNER_OBJ}`,
  '(?! for (?:a|the|some|one)| up| a (?:text|message|note|line|email)| back| with (?:kindness|love|the news|questions))',
);

// "hurt" is mostly about feelings ("I'll hurt her if I tell her"), so it only counts after a wish
// or a recurring thought, or with "physically".
const URGE_TO_HURT = rx(
  "\\b(?:i want to|i wanna|i really want to|part of me wants to|i feel like i want to|i have (?:an|the) urge to|i get (?:an|the) urge to|i keep thinking about|i've been thinking about|i have been thinking about|i think about|i fantasi[sz]e about|i dream about|i'm scared i'll|i'm afraid i'll|i'm afraid i might|i'm scared i might|i might|(?:having|have|get|getting|keep having|intrusive) [a-z0-9 ]{0,11}?\\b(?:thoughts|urges|impulses|images|fantasies) (?:of|about)) ",
  '(?:hurt|hurting|harm|harming|hit|hitting|kill|killing|shake|shaking|smack|smacking|slap|slapping|strangle|strangling|smother|smothering) ',
  `${PARTNER_OBJ}`,
  "(?! (?:feelings|back with words|with words|by (?:telling|leaving|saying))|'s feelings)",
);

// Threats worded without "kill": "he won't walk away from this", "she's not leaving in one
// piece", "he should be looking over his shoulder", "I'll make her pay", "I'll burn it down with him in it".
const VEILED_THREAT = rx(
  "\\b(?:(?:he|she|they|you)(?:'s| is|'re| are|'ll| will)? (?:not|never|won'?t|wont) (?:be )?(?:walk(?:ing)? away from this|leav(?:e|ing) (?:this|here|that [a-z]{2,12}) (?:alive|in one piece)|leav(?:e|ing) in one piece|(?:be )?standing (?:after|when i'?m done)|see (?:it|me) coming)",
  "|(?:he|she|they|you)(?:'d| had| should) better (?:be )?(?:watch(?:ing)? (?:his|her|their|your) back|sleep with one eye open)",
  "|(?:he|she|they|you) (?:should|'d better|better) be (?:looking|watching) over (?:his|her|their|your) shoulder",
  "|i(?:'ll| will|'m going to|'m gonna| am going to) (?:make (?:him|her|them|you) pay|make sure (?:he|she|they|you) (?:pay|pays|regret|regrets|suffer|suffers)|burn (?:his|her|their|your) [a-z ]{2,20}?\\bdown|end (?:him|her|them|you)|ruin (?:him|her|them|you) for good))",
);

const SOMETHING_TERRIBLE = rx(
  "\\b(?:afraid|scared|terrified|worried|frightened) (?:that )?i(?:'m going to|'m gonna|'ll| will| might| could) do something (?:to (?:him|her|them|myself|the kids|my kids|my husband|my wife)|i (?:can't|cannot|won't be able to|couldn't) take back|terrible|awful|i'll regret|stupid to myself|really bad)",
);
const SCARED_OF_SELF = rx(
  "\\b(?:scared|afraid|terrified|frightened) (?:of )?(?:what i (?:might|could|would|'ll|will|am going to|'m going to) do|myself|of myself)\\b(?! (?:with|about|for|next|if (?:he|she) (?:leaves|goes)|without|in|at|when))",
);
const FEAR_OF_SELF = rx(
  "\\b(?:(?:i'm|i am|im) [a-z0-9 ]{0,11}?\\b(?:afraid|scared|terrified|worried|frightened) (?:that )?|(?:i )?(?:feel like|think|worry|fear|know) (?:that )?)i(?:'m going to|'m gonna|'ll| will| might| could| am going to| would) [a-z0-9 ]{0,33}?\\b(?:hurt|harm|hit|kill|strangle|attack) ",
  `${PARTNER_OBJ}`,
);
const VIOLENT_IMAGERY = rx(
  '\\b(?:imagine|imagining|picture|picturing|fantasi[sz]e|fantasi[sz]ing|thought about|thinking about|think about|dream about|dreaming about) [a-z0-9 ]{0,22}?\\b(?:putting a pillow over|poisoning|stabbing|strangling|smothering|killing|shooting|drowning|pushing|running over|suffocating) ',
  "(?:his|her|him|them|my husband|my wife|my husband's|my wife's|the kids|my kids)",
);
const POISON = rx(
  "\\b(?:poison|poisoning|poisoned|spike|spiking) (?:his|her|my husband's|my wife's|their) (?:food|drink|tea|coffee|dinner|meal|wine)",
);

const HURT_WHEN = rx(
  `\\b(?:i'm going to|i'm gonna|i am going to|i will|i'll|i want to) (?:hurt|hit|harm|beat|attack) ${PARTNER_OBJ} (?:when|as soon as|the moment|tonight|once|if (?:he|she|they) (?:comes?|gets?|walks?|tries|touches|does))`,
);

const SMASH = rx(
  "\\b(?:i want to|i wanna|i'm going to|i'm gonna|i could|part of me wants to|i feel like i could) (?:smash|punch|bash|kick|cave|beat) (?:his|her) (?:face|head|teeth|skull) in",
);

const PHYSICALLY = rx(`\\b(?:hurt|harm|hit|beat) ${PARTNER_OBJ}[^\\n]{0,40}\\bphysically\\b`);

const TAKE_THEM_WITH_ME = rx(`\\b(?:take|taking) ${KIDS} with me (?:when i go|if i go|to the other side|when i die)`);

const NOT_HYPERBOLE = /\b(?:lol|lmao|haha|jk|kidding)\b/;

/**
 * A safety net for phrasings no list foresaw: within one sentence, the author (first person),
 * a word for their own death, and a wish, plan or thought. Idioms ("dying to know", "dead
 * tired", "this is killing me") and someone else's death ("his dad died") are left out.
 */
const FIRST_PERSON = /\b(?:i|i'm|im|i've|ive|i'd|id|i'll|me|my|myself)\b/;
const OWN_DEATH =
  /\b(?:die(?! than| for)|dying(?! (?:to|of|for|inside|laughing|here))|no point (?:in )?living|end(?:ing)? it(?! (?:with|between|off))|end my suffering|(?:to|i'd|i would|i'll|i will|wish i could) be dead|rather be dead(?! than)|be gone|suicid\w{0,6}|kill myself|killing myself|end my life|ending my life|take my (?:own )?life|not (?:be )?alive|stop existing|not exist(?:ing)?|cease to exist|overdos\w{0,3}|my (?:own )?death|death would|welcome death|not wake up|never wake up|end it all|hurt myself|harm myself|cut myself)\b/;
const INTENT =
  /\b(?:want|wants|wanted|wanna|wish|wishing|think|thinking|thought|thoughts|plan|planning|planned|ready|rather|better|relief|peace|peaceful|easier|point|anymore|any more|going to|gonna|can't|cannot|tired|how|ways|urge|urges|tempted|decided|deserve|should|maybe|just|keep|scared i|afraid i|could|feel like|done)\b/;
const OTHERS_DEATH =
  /\b(?:(?:he|she|they|mum|mom|dad|mother|father|brother|sister|friend|grandma|grandad|grandpa|dog|cat|husband|wife|(?:his|her|their) \w+) (?:is|was|'s) dying|(?:is|was) going to die|died|dying of (?:cancer|covid)|to die for|die (?:of|from) (?:embarrassment|laughter|shame|boredom))\b/;

function safetyNet(text: string): Range[] {
  const out: Range[] = [];
  if (!OWN_DEATH.test(text)) return out;
  const sentence = /[^.!?\n]{1,400}/g;
  let m: RegExpExecArray | null;
  while ((m = sentence.exec(text)) !== null) {
    const s = m[0];
    const death = OWN_DEATH.exec(s);
    if (!death || !FIRST_PERSON.test(s) || !INTENT.test(s) || OTHERS_DEATH.test(s)) continue;
    if (selfNegated(s.slice(0, death.index))) continue;
    if (!notDeadIdiom(s, death.index, death.index + death[0].length)) continue;
    out.push([m.index + death.index, m.index + death.index + death[0].length]);
  }
  return out;
}

// "Years ago I had thoughts of not being here. I'm okay now": a past event, told from safety.
const PAST =
  /\b(?:years ago|months ago|used to|back then|back when|at the time|when (?:he|she) (?:got|was|lost|heard)|my ex(?:-husband|-wife)?|ex-husband|ex-wife|first marriage|previous (?:marriage|relationship)|long behind me|behind me now|in my (?:teens|twenties|20s|thirties|30s)|as a (?:child|kid|teenager)|growing up|my (?:childhood|dad|father|mum|mom|mother) (?:used to|would)|when i was (?:younger|a teen|a teenager|a kid|in (?:school|college|my \w+))|in the past|at one point|as a teen(?:ager)?|a long time ago|long ago|in my (?:teens|twenties|20s))\b/;
const RECOVERED =
  /\b(?:long behind me|behind me now|(?:he|she)(?:'?s| is) (?:in treatment|doing (?:well|better|ok|okay)|getting help|in therapy)|(?:my )?(?:current|new) (?:husband|wife|partner) is (?:gentle|kind|safe|lovely|nothing like)|i left (?:him|her|that marriage)|we divorced|i'?m working on it|working on (?:it|this) in therapy|in (?:therapy|treatment) (?:now|for it)|i'?ve been (?:fine|okay|ok|well|good|clean|safe|stable) (?:for|since)|(?:and|am|i'?m|feel|i feel) safe\b|i'?m in therapy|i'?m (?:okay|ok|fine|safe|better|in a better place|doing (?:better|well|ok|okay)) now|doing (?:much )?better now|therapy helped|got help|i got through|i'?m through (?:it|that)|not (?:like that|there) anymore|haven'?t felt (?:that|like that) (?:in|for|since)|a different kind of (?:sadness|pain)|i'?m safe)\b/;
// "dead serious", "dead tired", "dead set on": not about dying.
const DEAD_IDIOM =
  /^ (?:serious|set|tired|on|right|wrong|certain|sure|end|inside|last|quiet|beat|broke|keen|honest|easy|simple|funny|good|bored|asleep|weight|heat|ringer|of night|silent|still|centre|center|even)\b/;
const notDeadIdiom = (t: string, _s: number, e: number): boolean => !(t.slice(e - 4, e) === 'dead' && DEAD_IDIOM.test(t.slice(e, e + 10)));
const notRecovered = (t: string, s: number): boolean => !(PAST.test(t.slice(Math.max(0, s - 160), s + 80)) && RECOVERED.test(t));

// "If you're thinking about suicide, please call 988": words about suicide said TO someone, to
// support them. The sentence speaks to "you", has no "I/me/my", and points to help.
const SECOND_PERSON = /\b(?:you|you'?re|youre|your|yourself|u|ur)\b/;
const FIRST_PERSON_ANY = /\b(?:i|i'?m|im|i'?ve|ive|i'?d|i'?ll|me|myself)\b/;
const SUPPORT_CUE =
  /\b(?:988|hotline|helpline|lifeline|crisis (?:line|text|team)|samaritans|lifeline|text line|reach out|talk to (?:someone|somebody|a )|get help|here for you|(?:please|pls|plz) (?:don'?t|dont|stay|talk|call|reach|tell)|call (?:someone|somebody|911|999|112|000|a friend|the)|if (?:you|u)|are you (?:safe|okay|ok|thinking)|you (?:matter|are not alone|aren'?t alone))/;
const sentenceAround = (t: string, s: number, e: number): string => {
  let a = s;
  const lo = Math.max(0, s - 200);
  while (a > lo && !/[.!?\n]/.test(t[a - 1])) a--;
  let b = e;
  const hi = Math.min(t.length, e + 200);
  while (b < hi && !/[.!?\n]/.test(t[b])) b++;
  return t.slice(a, b);
};
const notSupporting = (t: string, s: number, e: number): boolean => {
  const sentence = sentenceAround(t, s, e);
  return !(SECOND_PERSON.test(sentence) && !FIRST_PERSON_ANY.test(sentence) && SUPPORT_CUE.test(sentence));
};

// "She beat me by 94 points", "she beat me eleven games to four": a game won, not violence.
const GAME_AFTER =
  /^ (?:at|by|in|on|like|hands down|fair and square|every (?:time|game|round)|again at|[0-9]|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty) (?:games?|times|rounds?|points|to|nil|-))/;
const notGameWin = (t: string, s: number, e: number): boolean =>
  !(/\bbeat me$/.test(t.slice(Math.max(0, e - 9), e)) && GAME_AFTER.test(t.slice(e, e + 24)));
// "Twelve hours counting pills, fielding insurance calls": a pharmacy shift, not a stockpile.
const PILL_WORK =
  /\b(?:hours?|shifts?|all day|at work|job|pharmac\w{1,4}|dispens\w{1,5}|for (?:other people|patients|customers|a living))\b[^.!?\n]{0,30}$/;
const notPillWork = (t: string, s: number, e: number): boolean =>
  !/^counting/.test(t.slice(s, s + 8)) ||
  !(PILL_WORK.test(t.slice(Math.max(0, s - 40), s)) || /^[^.!?\n]{0,20}\bfor (?:other people|patients|customers)/.test(t.slice(e, e + 40)));

// Filters built once, not on every call.
const notBefore1 = notBefore(/\b(?:asked|asks|asking|ask) (?:me )?(?:if|whether)\b[^.]{0,40}$/, 60);
const notBefore2 = notBefore(/\b(?:go|you should|you could|why don't you|why dont you|just go|pls|please|u should)\s?$/, 20);
const notBefore3 = notBefore(/\b(?:it|that|this|reality|truth|then it|thought|realisation|realization|news|what) $/, 16);
const notBefore4 = notBefore(/(?:\bnever|\bnot|n't)(?: \w+){0,2} ?$/, 16);
const notBefore5 = notBefore(/(?:\bnever|\bnot|n't|\bwould never)(?: \w+){0,2} ?$/, 16);
const notAfter1 = notAfter(NOT_HYPERBOLE, 160);
const notAfter2 = notAfter(/^[^.!?\n]{0,40}\b(?:feelings|emotionally|with (?:the truth|words))\b/, 44);
const notAfter3 = notAfter(
  /^(?:'s)? ?(?:feelings|[^.!?\n]{0,40}\b(?:feelings|if i tell|by telling|emotionally|with (?:the truth|words)))/,
  48,
);
const notBefore6 = notBefore(/\b(?:he|she|they|husband|wife)\b[^.]{0,10}$/, 12);
const notAfter4 = notAfter(/\b(?:laughed|joking|joked|lol|haha|kidding)\b/, 120);
const notBefore7 = notBefore(/\b(?:joked|joke|joking|jokes|kidding|said|says|told me|suggested)\b[^.]{0,40}$/, 50);
const notBefore8 = notBefore(/\b(?:he|she|husband|wife)\b[^.]{0,20}$/, 24);
const notBefore9 = notBefore(/\b(?:he|she|they|husband|wife)\b[^.]{0,12}$/, 14);

export const crisisRules: Rule[] = [
  {
    id: 'crisis-self-harm',
    principle: 'Safety',
    category: 'danger',
    title: 'When you are thinking of ending your life or hurting yourself',
    description:
      'Suicidal thoughts or self-harm, said directly ("I want to die") or indirectly ("everyone would be better off without me", "I won’t be around much longer"). Shown safety resources at once and first in the queue. Negated statements ("I’m not suicidal") and suicide of someone else ("after his brother’s suicide") do not fire.',
    quote: quotes.safetyBegins,
    message:
      'Thank you for telling us something this heavy; you matter here, and you don’t have to carry it alone tonight, so please reach out to one of the services on this page.',
    rejectText:
      'We could not publish this as it stands, but we read it carefully and we care how you are; the support lines on this page are there for you at any hour.',
    action: 'crisis',
    detect: (text, ctx) => [
      ...find(
        SELF_HARM,
        text,
        ctx,
        notRecovered,
        notDeadIdiom,
        // "He said he'd rather die than go to therapy" is someone else's hyperbole; "I'd rather be dead" is not.
        (t, st) =>
          !/^(?:rather|prefer)/.test(t.slice(st, st + 7)) || /\bi(?:'d|d| would)(?: \w+)? $/.test(t.slice(Math.max(0, st - 16), st)),
        // "My counsellor asked if I'd ever thought about hurting myself" is a question put to them.
        notBefore1,
        (t, st) => !selfNegated(t.slice(Math.max(0, st - 30), st)),
        // Telling someone else to ("go jump off a bridge") is an attack, handled by respect-threat.
        notBefore2,
        (t, s) => !/^suicid/.test(t.slice(s, s + 7)) || !SUICIDE_ABOUT_OTHERS.test(t.slice(Math.max(0, s - 24), s)),
        (_t, s, e, c) => !c.fromArticle(s, e),
        notSupporting,
        notPillWork,
      ),
      ...safetyNet(text).filter(([s, e]) => !ctx.quoted(s, e) && notRecovered(text, s) && notSupporting(text, s, e)),
    ],
  },
  {
    id: 'crisis-danger',
    principle: 'Safety',
    category: 'danger',
    title: 'When you are not safe at home',
    description:
      'Domestic violence or fear for one’s safety or the children’s: being hit, choked, threatened, locked in, afraid to go home. Reported threats count even inside quotation marks. Emotional distance ("he pushed me away", "he screams when he’s stressed") does not fire.',
    quote: quotes.safety,
    message:
      'What you describe sounds frightening, and your safety comes first; the services on this page can help you think through what to do next, at any hour.',
    rejectText:
      'We held this post because it describes danger; please use the support lines on this page, and know that your safety matters more than any thread.',
    action: 'crisis',
    detect: (text, ctx) => find(DANGER, text, ctx, notRecovered, notBefore3, notBefore4, (_t, s, e, c) => !c.fromArticle(s, e), notGameWin),
  },
  {
    id: 'crisis-threat-to-family',
    principle: 'Safety',
    category: 'danger',
    title: 'When you feel you might hurt your spouse, your children or anyone',
    description:
      'The author says they will, want to, or keep thinking about hurting or killing their spouse, their children or anyone else, also in veiled words ("he won’t walk away from this", "I’ll make her pay"). Hyperbole such as "I’d kill for a quiet evening" or "I could kill him for forgetting" does not fire.',
    quote: quotes.safety,
    message:
      'It sounds like things have reached a very hard place, and you don’t have to hold this alone; please call one of the services on this page now, so that everyone, you included, stays safe.',
    rejectText:
      'We held this post because it speaks of harming someone; please reach out to the support lines on this page, right away if anyone is in danger.',
    action: 'crisis',
    detect: (text, ctx) => [
      ...find(THREAT_TO_FAMILY, text, ctx, notBefore5, notAfter1, (_t, s, e, c) => !c.fromArticle(s, e)),
      ...find(URGE_TO_HURT, text, ctx, notAfter2, (_t, s, e, c) => !c.fromArticle(s, e)),
      ...find(TAKE_THEM_WITH_ME, text, ctx),
      ...find(VEILED_THREAT, text, ctx, notAfter4, (_t, s, e, c) => !c.fromArticle(s, e)),
      ...find(SMASH, text, ctx, notAfter1),
      ...find(SOMETHING_TERRIBLE, text, ctx),
      ...find(FEAR_OF_SELF, text, ctx, notAfter3),
      ...find(SCARED_OF_SELF, text, ctx, (t) => /\b(?:hurt|harm|hit|kill|strangle|angry|rage|snap|violent|lose it|lose control)\b/.test(t)),
      ...find(HURT_WHEN, text, ctx, notAfter1),
      ...find(VIOLENT_IMAGERY, text, ctx, notBefore6),
      ...find(POISON, text, ctx, notAfter4, notBefore7, notBefore8),
      ...find(PHYSICALLY, text, ctx, notBefore5, notBefore9),
    ],
  },
];

/** Every regex of this phase, for the linear-time spec. */
export const patterns: Readonly<Record<string, RegExp>> = {
  VEILED_THREAT,
  GAME_AFTER,
  PILL_WORK,
  SECOND_PERSON,
  FIRST_PERSON_ANY,
  SUPPORT_CUE,
  SMASH,
  SOMETHING_TERRIBLE,
  DANGER,
  DEAD_IDIOM,
  FEAR_OF_SELF,
  FIRST_PERSON,
  HURT_WHEN,
  INTENT,
  NOT_HYPERBOLE,
  OTHERS_DEATH,
  OWN_DEATH,
  PAST,
  PHYSICALLY,
  POISON,
  RECOVERED,
  SCARED_OF_SELF,
  SELF_HARM,
  SELF_NEGATION,
  SUICIDE_ABOUT_OTHERS,
  TAKE_THEM_WITH_ME,
  THREAT_TO_FAMILY,
  URGE_TO_HURT,
  VIOLENT_IMAGERY,
};
