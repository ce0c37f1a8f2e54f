import { quotes } from '../article.js';
import { alt, SPOUSE, YOU_ARE } from '../lexicon.js';
import { before, find, notAfter, notBefore, notNegated, notQuoted, notReported, rx, anyOf } from '../match.js';
import type { DetectContext, Range, Rule } from '../types.js';

// Advice offered gently ("if you can", "for yourself") or about self-care is not a demand.
const SOFTENED =
  /^[^.!?\n]{0,70}\b(?:if you can|if possible|if you want|if you'd like|when you can|when you're ready|if it helps|if that helps|for yourself|for you|you sound (?:exhausted|tired|worn out)|look after yourself|take care of yourself|be gentle with yourself)\b/;
const SELF_CARE =
  /^(?:you|u) (?:need to|have to|must|should|gotta|got to) (?:\w+ )?(?:look after|take care of|be (?:kind|gentle|easy) (?:on|to|with)|rest|sleep|get some (?:sleep|rest)|eat|breathe|go easy on) /;

const NOW_WORDS =
  "(?:tonight|right now|right away|immediately|asap|today|this (?:minute|second|instant|evening|weekend|week)|by (?:tonight|tomorrow|friday|the weekend)|now|straight away|at once|this very (?:day|night)|first thing tomorrow|before (?:he|she) (?:gets home|leaves|wakes up)|before it's too late|before it is too late|before you lose (?:him|her|everything)|while you still can|don't wait|do not wait|no more waiting|stop waiting|without delay|the moment (?:he|she) (?:walks|gets|comes))";
const ACT =
  '(?:pack (?:his|her|your) (?:bags|things|stuff)|change the locks|put (?:his|her) (?:stuff|things|bags)|tell|ask|confront|call|text|talk to|sit (?:him|her) down|have (?:it out|the talk|that talk|the conversation|a conversation)|demand|make (?:him|her)|force (?:him|her)|insist|go (?:home|over there|in there|back)|go and|leave|move out|pack|kick (?:him|her) out|file|get (?:a|the) (?:lawyer|divorce)|see a lawyer|book|fix (?:this|it)|sort (?:this|it) out|get answers|get the truth|find out|check (?:his|her) phone|end it|decide|act|do (?:it|something))';
const URGENCY = anyOf(
  [
    `(?:you|u) (?:need to|have to|must|should|gotta|got to|better|had better|'d better) [a-z0-9 ]{0,90}?\\b${NOW_WORDS}\\b`,
    "(?:^|[.!?\\n] ?)(?:just |please |so )?(?:don't|do not) wait\\b(?! (?:for (?:me|us)|up))",
    `(?:^|[.!?\\n] ?|\\b(?:just|so|and|then|please|op)\\b ?)${ACT} [a-z0-9 ]{0,120}?\\b${NOW_WORDS}\\b`,
    "before it's too late|before it is too late|before you lose (?:him|her|everything|your marriage)|while you still can|now or never|time is running out|the clock is ticking|every (?:day|minute|hour) you wait|don't wait another|do not wait another|no time to waste|there's no time to lose|you can't afford to wait",
    `(?:need|needs|want|demand|must have|have to get|have to have) (?:a |an |the )?(?:answer|answers|decision|clarity|closure|the truth|a yes or no)(?: from (?:him|her|them|my (?:husband|wife)))? (?:tonight|right now|today|immediately|now|this (?:minute|second|evening)|by tonight|by tomorrow)\\b`,
    'need (?:him|her|them) to (?:tell|answer|say|decide|explain|commit|choose|admit|promise) [^.!?\\n]{0,40}?(?:right now|tonight|today|now|immediately|this minute)\\b',
    `i(?:'m| am) (?:going to|gonna) (?:make|force|get) (?:him|her) (?:to )?[a-z0-9 ]{0,45}?\\b(?:tonight|right now|today|immediately|this (?:minute|evening))`,
  ],
  '\\b',
);

// A reply whose advice ends with a bare "Right now." or "Tonight."
const URGENCY_TAIL = rx(
  '(?:^|[.!?\\n] ?)(?:and )?(?:do it |go |)(?:right now|tonight|immediately|asap|today|this minute|right away|now)[.!]',
);

const ULTIMATUM = anyOf(
  [
    "if (?:he|she|they) (?:won't|will not|doesn't|does not|don't|can't|refuses? to|isn't|is not) [^.!?\\n]{1,80}?,? (?:then )?(?:just )?(?:i'm packing|packing my bags|leave|divorce|walk|go|file|you're out|i'm out|pack|dump|kick (?:him|her) out|you should leave|you need to leave|i'm leaving|i'll leave|i'm going|i'm done|i'm gone|i'll file|we're done|it's over|we're finished|that's it|i'm filing|i'll be filing|i'm calling a lawyer|i'm walking|i walk|i'm moving out|i'm taking the kids|i want a divorce)\\b",
    '(?:^|[.!?\\n] ?)(?:just )?(?:pack (?:his|her) (?:bags|things|stuff)|change the locks|kick (?:him|her) out|serve (?:him|her) (?:with )?(?:papers|divorce papers))\\b',
    '(?:^|[.!?\\n:] ?)(?:just |so |seriously |seriously, |honestly |honestly, |honestly just |seriously just )?(?:leave|divorce|get out|walk away|run)(?: (?:him|her|already|now|while you can|of there|of that marriage))?(?:[.!]|$| lol| tbh| honestly| mate| hun)',
    '(?:give|giving|gave) (?:him|her|them) (?:one|a|his|her) (?:last|final) chance',
    '(?:and |just |so )?leave (?:him |her |them )?already\\b|accept it and (?:go|leave|move on|walk away)\\b',
    'why (?:are|r) (?:you|u) still (?:married|there|with (?:him|her)|in that (?:marriage|house)|married to (?:him|her)|putting up with)',
    '(?:^|[.!?\\n:] ?)(?:seriously |seriously, |just |so |honestly |honestly, )?go[.!]',
    "(?:he|she|they|you) (?:has|have|'s got|has got|got) until (?:the weekend|tomorrow|tonight|friday|monday|saturday|sunday|next (?:week|month)|the end of (?:the|this) \\w{3,6}|christmas|new year)\\b",
    "(?:don't|do not|never) (?:give|giving) (?:him|her|them) (?:another|a second|one more|any more) chances?",
    '(?:^|[.!?\\n:] ?)(?:just |so )?(?:file for (?:a )?divorce|see a divorce lawyer|get a divorce lawyer|call a divorce lawyer)',
    "if i (?:were|was) you,? i(?:'d| would) (?:just )?(?:(?:leave|divorce|dump|ditch|confront) (?:him|her|them)|leave[.!, ]|walk (?:away|out)|get out|run\\b|demand|kick (?:him|her) out|pack (?:his|her|my|your) bags|file for)",
    '(?:you|u) (?:should|need to|have to|must|ought to|gotta) (?:just |honestly |seriously |really )?(?:(?:leave|divorce|dump|ditch) (?:him|her|them|your (?:husband|wife)|the marriage)\\b(?! alone| be)|(?:leave|walk away|get out|run|file)(?:[.!,]| now| already| today| tonight| asap| while| before)|kick (?:him|her) out|file for divorce)',
    'if (?:he|she|they) (?:blows?|screws?|messes?) (?:it|this|that) up|if (?:he|she|they) blows? it\\b',
    "why (?:haven't|havent|have not|didn't|havn't) you (?:left|divorced|gone|kicked (?:him|her) out|filed|walked)(?: (?:him|her))?(?: yet| already)?|what are you (?:even )?waiting for",
    '(?:^|[.!?\\n] ?|\\band )(?:start|get) packing\\b|shape up or ship out|my way or the highway|put up or shut up|take it or leave it|now or never|last chance saloon',
    "(?:i'm|i am) (?:going to|gonna) (?:tell|confront|ask|make|force|demand|sit) (?:him|her) [a-z0-9 ]{0,22}?\\b(?:tonight|right now|today|now|the minute (?:he|she))\\b",
    "(?:counsel+ing|therapy|rehab|couples therapy|marriage counsel+ing|change|me) or (?:divorce|separation|the door|out|i'm out|you're out|i walk|you walk|i leave|you leave|leave|done|it's over|we're done)\\b",
    `or (?:just )?(?:leave|divorce|dump|ditch|kick out|walk away from|be done with|get rid of) (?:him|her|them|the (?:bum|loser|jerk)|${SPOUSE})\\b`,
    "or (?:i'm|i am|i'll|i will|you're|you are|we're|we are|it's) (?:leaving|gone|done|out|walking|filing|over)",
    "or (?:i|you)(?:'ll| will) (?:leave|divorce|file|walk|move out|take the kids)",
    "or (?:it's|its|we're|this is|the marriage is|this marriage is) (?:over|done|finished|the end)",
    'or (?:else|get out|pack (?:your|his|her) bags|find someone else|lose me|lose you|lose (?:him|her) forever)',
    '(?:give|gave|giving|issue|set) (?:him|her|them|your (?:husband|wife)) an? (?:ultimatum|deadline|final warning|last chance)',
    "(?:tell|told|telling) (?:him|her) (?:it's|its|it is) (?:me or|now or never|over unless|the last chance)",
    '(?:last|final) (?:chance|warning) (?:for|to) (?:him|her|you|the marriage)',
    "(?:it's|it is) (?:me or|either me or) (?:the|her|him|them|your|his|my)",
    "(?:it's|its|it is) (?:either )?(?:me|us|the \\w{2,14}|your \\w{2,14}|his \\w{2,14}|her \\w{2,14}) or (?:me|us|the \\w{2,14}|your \\w{2,14}|his \\w{2,14}|her \\w{2,14})\\b",
    "if (?:he|she|they) (?:doesn't|does not|don't|won't|will not|can't|refuses to) [a-z0-9 ]{2,120}?\\b(?:by (?:tonight|tomorrow|friday|the weekend|next week|the end of)|then) [a-z0-9 ]{0,33}?\\b(?:leave|divorce|walk|file|done|out|gone|over)",
    "if (?:he|she|they) (?:doesn't|does not|don't|won't|will not|can't|refuses to) [a-z0-9 ]{2,120}?\\b(?:you|u) (?:should|need to|must|have to) [a-z0-9 ]{0,22}?\\b(?:leave|divorce|walk away|file|go)",
    '(?:he|she|they) (?:either )?[a-z0-9 ]{0,30}?\\beither [a-z0-9 ]{2,120}?\\bor [a-z0-9 ]{0,44}?\\b(?:leave|divorce|walk|out|done|over|gone|file|files)\\b',
    "(?:either|it's either) (?:he|she|you|they) [a-z0-9 ]{2,120}?\\bor [a-z0-9 ]{0,33}?\\b(?:leave|divorce|walk|out|done|over|gone)",
    '(?:just )?(?:leave|divorce|dump|ditch) (?:him|her|them|${SPOUSE})(?: already| now| today| tonight| asap)?[.!]',
    '(?:^|[.!?\\n] ?)(?:just |honestly |honestly, |seriously |seriously, |so )?(?:leave|divorce|dump|ditch) (?:him|her|them|${SPOUSE})\\b(?! (?:alone|be|to (?:it|himself|herself)|some|a (?:note|message|card)|in peace|space|room)\\b)',
  ],
  '\\b',
);

const DEMAND = anyOf(
  [
    "\\b(?:you|u) (?:need to|have to|must|gotta|got to|'ve got to|have got to|had better|'d better|better) (?!have |be |feel |know |think |hate |love |see |miss |get tired|take care|look after|be (?:kind|gentle|patient) (?:to|with) yourself|rest|breathe|remember|know|trust yourself|feel|do what(?:'s| is) right for you|decide for yourself|put yourself first|take your time|go at your own pace|find|prioriti[sz]e yourself|protect yourself|get (?:help|support|safe)|reach out|call|talk to (?:someone|a (?:therapist|counsel+or|professional|doctor|friend))|see (?:a|your) (?:therapist|doctor|counsel+or|gp))",
    '\\b(?:stop|quit) (?!being so hard on yourself|being hard on yourself|being so critical of yourself|blaming yourself|beating yourself up)(?:being|acting|whining|complaining|moaning|making excuses|playing the victim|feeling sorry for yourself|crying|overthinking|enabling|tolerating|letting (?:him|her) walk all over you|begging|chasing)\\b',
    '\\b(?:man up|toughen up|woman up|suck it up|snap out of it|get over it|get over yourself|pull yourself together|harden up|deal with it|put your foot down|put (?:him|her) in (?:his|her) place|grow a (?:spine|pair|backbone))\\b',
    "(?:^|[.!?\\n] ?|\\b(?:and|then|go|just) )(?:just )?(?:do it|stop it|demand (?:he|she|that|answers|an explanation|to know|they)|make (?:him|her) (?:listen|understand|talk|explain|choose|apologi[sz]e|commit|pay|see)|demand (?:that|an|answers|he|she|respect|the truth)|don't let (?:him|her) (?:get away|off the hook|leave the room|walk away|sleep until))\\b",
    '\\b(?:do|listen to|take) what i (?:say|said|tell you|told you)\\b',
    '\\b(?:you|u) (?:have|got) no (?:choice|option) but to',
    '(?:^|[.!?\\n] ?|\\b(?:just|so|and|then) )(?:demand|insist on) (?:counsel+ing|therapy|answers|an apology|respect|the truth|his|her|an explanation|a divorce|change)',
    '\\b(?:push|pressure|press|badger|nag|hound) (?:him|her|them) (?:until|till|harder|more)',
    '\\b(?:man|woman) the (?:hell|heck|fuck|f\\w{0,6}) up\\b|\\bdrag (?:him|her|them) to (?:counsel+ing|therapy|a therapist|a counsel+or|church|the doctor)|\\bread (?:him|her|them) the riot act|\\blay down the law\\b',
    '\\bmake (?:him|her|them) (?:sleep on the (?:couch|sofa)|beg|grovel|earn (?:it|you|your trust) back|suffer|pay|crawl|sweat)',
    '\\bcall (?:him|her|them) out (?:every|each|on everything|constantly|whenever|all the time)',
    '\\b(?:stop|quit) letting (?:him|her|them|people|your (?:husband|wife)) (?:treat|walk|use|control|push|get away)|\\bstand up for yourself(?: already| for once)?\\b(?! (?:when|if|in a|gently|calmly|kindly))',
    '(?:^|[.!?\\n] ?|\\b(?:just|so|and|then|you should|you need to) )force (?:him|her|them) to (?:talk|sit|listen|open up|explain|answer|tell|choose|go|admit|see)',
    "(?:don't|do not|never) (?:accept|take) (?:silence|no for an answer|excuses|anything less)",
    "\\bi(?:'m| am) telling you,? (?:you|u|to)\\b",
    "\\byou(?:'d| would) be (?:an idiot|stupid|a fool|crazy|insane) (?:not to|to stay|to stay with)",
  ],
  '',
);

const DOOM = anyOf(
  [
    `(?:your|ur|the|this|that|ops?|op's) (?:marriage|relationship|husband|wife) (?:is|'s|has been|was|sounds|looks|seems) (?!not |never )[a-z0-9 ]{0,11}?\\b(?:over|dead|doomed|finished|done|beyond (?:repair|saving|help)|a lost cause|hopeless|toast|over and done|lost)\\b`,
    "(?:it's|its|it is|this is|that's|that is|everything is|it all is) (?:completely |totally |already |just |so )?(?:hopeless|over|doomed|dead|finished|a lost cause|beyond (?:repair|saving|help)|pointless|too late)\\b",
    "(?:quit|stop) hoping\\b|give up hope\\b|(?:he|she|they)(?:'s| has| have) made (?:his|her|their) (?:choice|decision|mind up)\\b|(?:nobody|no one|noone)(?:'s| is) going to change",
    "(?:^|[.!?\\n] ?)(?:the |your |ur |this |that )?marriage (?:is|'s|was|has been) (?:already |totally |completely |clearly )?(?:dead|over|done|finished|doomed|toast)\\b",
    "(?:there's|there is|theres) (?:no|zero) (?:fixing|saving|changing|helping|hope for) (?:a|him|her|them|this|that|it|your|someone|people)",
    "(?:there's|there is|theres) (?:no|zero) (?:hope|coming back|way back|saving (?:it|this|your marriage)|fixing (?:it|this))",
    "(?:he|she|they|your (?:husband|wife)|people)(?:'ll| will|'s| is|'re| are| won't| will not|'s never going to| is never going to|'re never going to) (?:never ever |never, ever, |never, ever |never |not |ever )?(?:change|come back|coming back|changing|going to change|love you|respect you|be faithful|stop|get better|be different)\\b(?! (?:overnight|in a day|all at once|without))",
    "(?:you'll|you will|you're going to|you are going to|you're gonna|u will) (?:never|not ever) (?:be happy|find|fix|get (?:him|her) back|save)",
    "(?:you've|you have|you) (?:already )?lost (?:him|her|them|your (?:marriage|husband|wife))(?: for good| forever| already)?[.!]",
    '(?:nothing|no one|nobody) (?:can|will|could) (?:save|fix|help) (?:this|it|your marriage|you|that marriage)',
    "(?:give up|stop trying)(?: on (?:him|her|it|this|the marriage|your marriage))?(?:[.!]| now| already|, it's)",
    '(?:doomed|hopeless|a lost cause)\\b',
    "(?:he|she|they|it|things|this|that)(?:'s| is|'re| are) (?:never|not|not ever) going to (?:work|get better|change)\\b",
    "(?:it's|its|it is) (?:already )?too late(?: for (?:you|this|the marriage|your marriage|us))?",
  ],
  '\\b',
);
// Fear, wondering and remembering are not doom: "I'm scared it's over", "is it hopeless?", "I used to think it was over".
const DOOM_HEDGE =
  /\b(?:if|whether|afraid|scared|terrified|worried|worry|fear|fears|feared|wonder|wondering|think|thinking|thought|feel|feels|felt|feeling|seems like|maybe|might|may|possible|possibly|does (?:not|n't) mean|doesn't mean|not mean|like|used to|was sure|convinced|told me|says|said|wasn't|isn't|not|never|no one said|don't believe|dont believe|hope|hoping|pray|praying|how do i know|how do you know|ask(?:ed|ing)? (?:myself|him|her)|question)\b/;

const LABEL_WORDS = alt([
  'narcissists?',
  'narcissistic',
  'a narc',
  'npd',
  'toxic',
  'sociopaths?',
  'sociopathic',
  'psychopaths?',
  'psychopathic',
  'gaslighters?',
  'a gaslighter',
  'covert narc\\w{0,8}',
  'borderline',
  'bpd',
  'bipolar',
  'crazy',
  'insane',
  'psycho',
  'unhinged',
  'emotionally abusive',
  'manipulative',
  'manipulator',
  'a manipulator',
  'evil',
  'a monster',
  'monsters?',
  'heartless',
  'cold-hearted',
  'dangerous',
  'a predator',
  'sick',
  'mentally ill',
  'mental',
  'deranged',
  'a cheater',
  'a cheat',
  'a liar',
  'a user',
  'red flags?',
]);
const LABEL = anyOf(
  [
    `(?:he|she|they|him|her|${SPOUSE}|op's (?:husband|wife)|ops (?:husband|wife)|you|u)(?:'s| is|'re| are| sounds| seems| must be| is being| sounds like| seems like| is clearly| is a classic| is definitely| is such)(?: (?:a|an|so|such a|totally|completely|clearly|obviously|definitely|textbook|classic|a classic|a textbook|a total|a complete|totally a|really|literally|100%|probably|likely|just)){0,3} ${LABEL_WORDS}\\b`,
    `(?:classic|textbook|typical|sounds like|signs of|married to|married|living with|dealing with) (?:a |an )?(?:covert |malignant |vulnerable )?(?:narcissist|narc|sociopath|psychopath|gaslighter|npd|narcissistic (?:abuse|husband|wife|behaviou?r))\\b`,
    "(?:is|'s|are|keeps|keep|has been|have been|been) [a-z0-9 ]{0,11}?\\b(?:gaslighting|manipulating|love-bombing|lovebombing) (?:you|u|him|her)\\b",
    '(?:^|[.!?\\n] ?|\\b(?:honestly|tbh|lol|just|yeah),? )(?:sounds|seems|sounding) (?:so |really |pretty |super |totally |very |proper |like a )?(?:toxic|abusive|narcissistic|manipulative|controlling|like a narc\\w{0,6}|like a narcissist|like a sociopath|like a psychopath|psycho|crazy|unhinged)\\b',
    "(?:you're|you are|ur) the (?:toxic|abusive|crazy|narcissistic|manipulative|problem|controlling) one\\b",
    `(?:your|ur|the|this|that) (?:narcissist|narc|sociopath|psychopath|gaslighter|toxic|psycho|abusive|manipulative|crazy|narcissistic) (?:husband|wife|spouse|partner|man|woman|ex)\\b`,
    `(?:my|her|his) (?:narcissist|narc|sociopath|psychopath|gaslighter|toxic|psycho|crazy|narcissistic) (?:husband|wife|spouse|partner|ex)\\b`,
  ],
  '\\b',
);

const DISMISS = anyOf(
  [
    '(?:first world problems?|boo ?hoo|cry me a river|so what|big deal|whatever,|get over it|move on already|toughen up|it could be worse)',
    '(?:making|blowing) (?:this|it|that|things) (?:way |so much |much |a lot |so )?(?:bigger|worse|out of proportion|into a (?:big )?(?:deal|drama|thing))|(?:making|make) (?:a )?mountains? out of (?:a )?molehills?|(?:making|make) a (?:big )?(?:deal|drama|fuss) (?:out of|over|about) (?:nothing|this|a)',
    "(?:it's|it is|its|that's|that is) (?:all |entirely |totally |completely )?(?:your|ur) (?:own )?fault",
    '(?:you|u) (?:brought|did) (?:this|it) (?:on|to) (?:yourself|urself)',
    "no wonder (?:he|she|they|your (?:husband|wife)) (?:left|cheated|cheats|checked out|checks out|doesn't|does not|won't|stopped|pulled away|pulls away|withdraws|withdrew|is distant|is cold|is pulling away|wants out|ignores you|lost interest|strayed)",
    'what did (?:you|u) expect',
    `${YOU_ARE} (?:(?:just|so|being|clearly|totally|completely|way|really|a bit|a little|far|much|kind of|sort of|far too|way too|overly) ){0,3}(?:too (?:sensitive|emotional|needy|clingy|demanding|dramatic|much|picky|soft|touchy)|overreacting|over-reacting|over reacting|overthinking|over-thinking|being dramatic|dramatic|too sensitive|oversensitive|ridiculous|silly|absurd|unreasonable|irrational|petty|childish|immature|pathetic|hysterical|paranoid|needy|clingy|the problem|the issue|the reason|to blame|making (?:this|it) up|imagining (?:it|things)|selfish|lazy|entitled|a drama queen|a doormat|naive|weak|spoiled|spoilt|ungrateful|whining|whiny|a nag|nagging|boring)\\b`,
    "(?:maybe|perhaps|sounds like|seems like) (?:you(?:'re| are)|u r|ur) (?:the|part of the) (?:problem|issue|reason)",
    "(?:you're|you are|ur) the one (?:with the (?:problem|issue)|who (?:needs|has|should|is) (?:to change|the problem|wrong|at fault)|at fault|to blame|causing (?:this|it|the problem))",
    '(?:you|u) know nothing\\b',
    '(?:^|[.!?\\n] ?)(?:just |honestly |honestly, )?(?:get a grip|stop wasting (?:your|ur) (?:time|life|breath|energy|tears))\\b',
    "(?:you're|you are|ur) wasting (?:your )?(?:life|time|years|breath|youth) (?:on|with) (?:him|her|them|this|that|a man|a woman)",
    "that's (?:what|why) (?:you're|you are) (?:upset|crying|angry|complaining|whining|moaning|posting) (?:about|over)?\\?",
    '(?:you|u) (?:sound|seem) (?:so |really |very |pretty |a bit |quite )?(?:needy|clingy|desperate|bitter|insecure|jealous|paranoid|controlling|high maintenance)\\b',
    '(?:you should|you ought to|just) be (?:grateful|thankful|happy|glad) (?:he|she|they) (?:even )?(?:stays?|stayed|puts? up|married|bothers|came back)',
    "(?:you|u) (?:clearly |obviously |just )?(?:can't|cannot|don't|refuse to) see what(?:'s| is) (?:in front of|right in front of|obvious)",
    "(?:that's|that is|what) (?:a |such a )?(?:pathetic|stupid|ridiculous|silly|dumb|petty|lame) (?:reason|thing|excuse) to (?:be upset|cry|complain|get upset|be angry|be hurt|leave|fight)",
    "(?:you're|you are|ur) the one who (?:needs|should get|should see|has to get) (?:therapy|help|a therapist|to change|to grow up|to look in the mirror|to work on)",
    "(?:that's|this is|it's|that is|it is|thats|its) (?:all |entirely |totally )?on (?:you|u)\\b",
    '(?:stop|quit|enough of) (?:your|the|all this|all the|with the|all your) (?:whining|moaning|complaining|crying|bitching|excuses|victim act|pity party|self-pity|drama)',
    '(?:you|u) (?:sound|seem|look) like (?:the|part of the|the real) (?:problem|issue)',
    "(?:you|u) (?:sound|seem|must be) (?:so |really |honestly |pretty |quite |like you'd be |like )?(?:a lot of )?(?:exhausting|hard to live with|impossible to live with|unbearable|insufferable|a nightmare|draining|controlling|high maintenance|hard work)\\b",
    '(?:^|[.!?\\n] ?)(?:all |entirely |totally )?(?:your|ur) (?:own )?fault\\b',
    '(?:you|u) (?:pushed|drove|forced|chased|nagged) (?:him|her|them) (?:away|out|off)\\b',
    "(?:you're|you are|ur|you) (?:upset|crying|angry|mad|sad|complaining|whining|moaning|worried) (?:about|over) (?:that|this|something so \\w{1,12}|a \\w{1,12}|one \\w{1,12})\\?",
    "(?:maybe|perhaps) (?:if you|you should have|try) [a-z0-9 ]{0,45}?\\b(?:he|she) (?:wouldn't|would not|wouldn't have|would still)",
    "(?:you|u) (?:should|could) have [a-z0-9 ]{0,60}?\\b(?:before|instead|then (?:he|she) wouldn't)",
    '(?:stop|quit) (?:whining|complaining|moaning|playing the victim|feeling sorry for yourself|being so dramatic|being dramatic|being a victim|making it about you)',
    "(?:you|u) (?:deserve|deserved) (?:this|what you got|everything you get|what's coming|all of it)|(?:you|u) deserved it",
    "(?:that's|that is|thats|sounds like) (?:just )?(?:an excuse|excuses|a you problem|your problem|on you|your choice then)\\b",
    "(?:no one|nobody|noone) (?:is|'s) (?:forcing|making) you",
    '(?:why|how) (?:would|could) (?:anyone|someone|he|she) [a-z0-9 ]{0,11}?\\b(?:want to be with|stay with|love|marry) (?:you|someone like you)',
    '(?:it takes two|takes two to tango)',
    '(?:you )?made your bed|reap what you sow|serves you right|you asked for (?:it|this)|play stupid games|you got what you (?:deserved|asked for)',
    "(?:you|u) should(?:'ve| have) (?:left|divorced|walked away from|gone|dumped|kicked out|listened)(?: (?:him|her|them))? (?:years|months|long|ages) ago",
    "(?:you(?:'re| are)|ur) (?:asking|fishing) for (?:sympathy|attention|validation)",
    "(?:seriously|honestly|lol),? (?:this|that) is (?:what you're|what you are|why you're) (?:upset|crying|complaining|whining) about",
    '(?:why|how) (?:are|r) (?:you|u) (?:even )?(?:still )?(?:with (?:him|her)|complaining|surprised|upset)\\?',
    "(?:it's|that's|its|thats) not (?:that|a) (?:big|huge) (?:a )?deal",
  ],
  '\\b',
);

const REASSURANCE = anyOf(
  [
    '(?:keep|kept|just keep) (?:asking|texting|messaging|calling|checking (?:on|in with)|pushing|telling|begging|reminding) (?:him|her|them|your (?:husband|wife))(?: (?:if|whether|to|every|until|how|that))',
    '(?:make|get|force) (?:him|her|them|your (?:husband|wife)) (?:to )?(?:say|tell you|admit|promise|prove|swear|confirm|reassure you|commit|show you)\\b',
    '(?:ask|text|call|check (?:in )?with) (?:him|her|them) (?:every|each|several times a|multiple times a|a few times a) (?:day|hour|night|morning|evening)',
    '(?:demand|insist on|ask for) (?:reassurance|proof|a promise|confirmation|certainty|a guarantee)',
    "don't (?:stop|give up) (?:asking|pushing|texting|calling|chasing) (?:until|till) (?:he|she|they)",
    '(?:^|[.!?\\n] ?)(?:just )?keep (?:asking|pushing|texting|calling|pressing|begging|messaging|at (?:him|her)) [a-z0-9 ]{0,33}?\\buntil (?:he|she|they)',
    '(?:chase|chasing|pursue|pursuing) (?:him|her|them) (?:harder|more|until|every)',
  ],
  '\\b',
);

const OLD_WOUNDS = anyOf(
  [
    '(?:bring|keep bringing|keep throwing) up (?:the affair|(?:his|her) affair|the past|what (?:he|she) did|it|that|old (?:stuff|fights|hurts|wounds)|(?:his|her) (?:mistakes|lies|cheating)) (?:again|every|constantly|whenever|at every|all the time|each time)',
    '(?:bring|keep bringing|throw|throwing|rub|rubbing) (?:it |that |the affair |what (?:he|she) did )?(?:up|back in (?:his|her) face|in (?:his|her) face)(?: (?:again|every (?:day|time|chance|argument|fight)|constantly|whenever|until|at every))',
    "(?:never|don't ever|do not ever|don't) let (?:him|her|them) forget (?:it|this|that|what|the)",
    '(?:remind|keep reminding) (?:him|her|them) [a-z0-9 ]{0,33}?\\b(?:of |about )?(?:what (?:he|she|they) did|the affair|(?:his|her) affair|how much (?:he|she|they) hurt|(?:his|her) (?:mistakes|lies|cheating))',
    '(?:remind|keep reminding) (?:him|her|them) (?:of|about) (?:every|all|each) ',
    '(?:remind|keep reminding) (?:him|her|them) (?:of|about) (?:what (?:he|she) did|the affair|it|that|his|her) (?:every|constantly|daily|whenever|at every|until)',
    '(?:make|let) (?:him|her|them) (?:pay|suffer|feel (?:the )?(?:pain|what)) (?:for (?:it|that|what|the affair|this|cheating|every|years)|as long|until)',
    '(?:punish|punishing) (?:him|her|them)(?: (?:for|until|every|forever))',
    '(?:list|read out|go through|write down) (?:every|all (?:the|of)) (?:thing|mistake|wrong|hurt|time) (?:he|she|they) (?:ever|has ever|have ever|did)',
  ],
  '\\b',
);

/** Mostly capitals (in the original case) or a burst of exclamation marks. */
function shouting(ctx: DetectContext, text: string): Range[] {
  const cased = ctx.cased;
  const out: Range[] = [];
  // Both the run rule (12 capital letters in a run) and the share rule (60% of at least 20
  // letters) need at least 12 capital letters: fewer, and the word loop below cannot fire.
  let capitals = 0;
  for (let i = 0; i < cased.length && capitals < 12; i++) {
    const c = cased.charCodeAt(i);
    if (c >= 65 && c <= 90) capitals++;
  }
  const hasCaps = capitals >= 12 && /[A-Z]{2}/.test(cased);
  if (!hasCaps && text.indexOf('!') < 0) return out;
  // Runs of capitalised words: three or more words of two or more letters, at least 12 letters.
  const word = /[A-Za-z']+/g;
  let m: RegExpExecArray | null;
  let runStart = -1;
  let runEnd = -1;
  let runWords = 0;
  let runLetters = 0;
  const flush = (): void => {
    if (runWords >= 3 && runLetters >= 12 && !ctx.quoted(runStart, runEnd)) out.push([runStart, runEnd]);
    runStart = -1;
    runWords = 0;
    runLetters = 0;
  };
  let letters = 0;
  let upper = 0;
  while (hasCaps && (m = word.exec(cased)) !== null) {
    const w = m[0];
    const bare = w.replace(/'/g, '');
    const isUpper = bare.length > 0 && bare === bare.toUpperCase();
    for (let i = 0; i < bare.length; i++) {
      letters++;
      if (bare.charCodeAt(i) <= 90) upper++;
    }
    if (isUpper && (bare.length >= 2 || (runStart >= 0 && (bare === 'I' || bare === 'A')))) {
      if (runStart < 0) runStart = m.index;
      runEnd = m.index + w.length;
      if (bare.length >= 2 && !ACRONYMS.has(bare)) {
        runWords++;
        runLetters += bare.length;
      }
      continue;
    }
    if (isUpper) continue; // a lone "I" or "A" neither starts nor breaks a run
    flush();
  }
  flush();
  if (hasCaps && out.length === 0 && letters >= 20 && upper / letters >= 0.6) out.push([0, cased.length]);
  // Exclamation bursts: three or more in a row, or six or more in one post.
  let bangs = 0;
  let run = 0;
  let burstStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if (c === 33) {
      if (run === 0) burstStart = i;
      bangs++;
      run++;
    } else if (run > 0 && (c === 63 || c === 49)) {
      // "!?!" and "!!1" keep a burst going
    } else {
      if (run >= 3) out.push([burstStart, i]);
      run = 0;
    }
  }
  if (out.length === 0 && bangs >= 6) out.push([text.indexOf('!'), text.lastIndexOf('!') + 1]);
  return out;
}
const ACRONYMS = new Set([
  'OK',
  'TV',
  'US',
  'UK',
  'NHS',
  'ADHD',
  'OCD',
  'PTSD',
  'BPD',
  'NPD',
  'MC',
  'IC',
  'DH',
  'DW',
  'SO',
  'AITA',
  'TLDR',
  'TL',
  'DR',
  'LOL',
  'OMG',
  'ASAP',
  'FYI',
  'AM',
  'PM',
  'CEO',
  'HR',
  'IT',
  'ER',
  'ICU',
  'GP',
  'IVF',
  'PPD',
  'EDIT',
  'UPDATE',
]);

const negationInside = (t: string, s: number, e: number): boolean =>
  !/\b(?:not|never|n't)\b/.test(t.slice(s, e)) || /n't (?:do|change|come back|love|respect|stop|get better)/.test(t.slice(s, e));

// Filters built once, not on every call.
const notNegated20 = notNegated(20);
const notReported50 = notReported(50);
const notNegated24 = notNegated(24);
const notReported40 = notReported(40);
const notReported60 = notReported(60);
const notNegated30 = notNegated(30);
const notNegated16 = notNegated(16);
const notBefore1 = notBefore(/\b(?:i|we) (?:tried|wanted|was going|used)\b[^,]{0,30}$/, 40);
const notBefore2 = notBefore(
  /\b(?:should i|do i|would you|could i|whether to|whether i|thinking (?:of|about)|considering|wondering|i don't want to|i'm not going to)\b[^.]{0,40}$/,
  60,
);
const notAfter1 = notAfter(SOFTENED, 80);
const notAfter2 = notAfter(/^[^.!\n]{0,80}\?/, 82);
const notBefore3 = notBefore(/\b(?:if|what if|do|does|did|feel like|felt like|wish|i think (?:i|we)|how)\b[^,]{0,24}$/, 30);
const notAfter3 = notAfter(/^[^.!\n]{0,60}\?/, 62);
const notAfter4 = notAfter(/^ ?(?:between us|for me|yet|unless)\b/, 14);
const notBefore4 = notBefore(/\b(?:was|were|had been|used to be)\b[^,]{0,20}$/, 30);
const notAfter5 = notAfter(/^ (?:when|if) (?:he|she|they)(?:'s| is|'re| are| gets?) (?:hungry|tired|sleepy|hangry|ill|sick|drunk on)/, 30);
const notAfter6 = notAfter(/^[^.!\n]{0,40}\?/, 42);
const notBefore5 = notBefore(
  /\b(?:worried|afraid|scared|wonder|wondering|whether|if|asked|accused|accuses|calls me|called me|am i|was i)\b[^.]{0,30}$/,
  40,
);
const notBefore6 = notBefore(/\b(?:am i|was i|i'm|i am|i was|worried|afraid|scared|feel like|felt like|maybe i|if i)\b[^,]{0,20}$/, 30);
const notBefore7 = notBefore(/\b(?:i|we|i've|i have|he|she)(?: \w{1,12}){0,2} ?$/, 24);
const notBefore8 = notBefore(/\b(?:i|we|i've|i have|he|she|they)(?: \w{1,12}){0,2} ?$/, 24);

export const pressureRules: Rule[] = [
  {
    id: 'pressure-urgency',
    principle: 'Urgency',
    category: 'pressure',
    title: 'Leave room for time',
    description:
      'Pressing for action at once: "confront him tonight", "you need to decide right now", "before it’s too late", "I need an answer tonight". Describing the moment ("I’m so tired right now") does not fire.',
    quote: quotes.urgency,
    message: 'Connection doesn’t return through urgency or intensity; could you say this in a way that leaves more time and room?',
    rejectText: 'Your post was not published as it stands because it presses for action at once; steadiness helps more than urgency here.',
    action: 'nudge',
    detect: (text, ctx) => [
      ...(ctx.kind === 'reply' ? find(URGENCY_TAIL, text, ctx, notQuoted) : []),
      ...find(URGENCY, text, ctx, (t, s) => !SELF_CARE.test(t.slice(s, s + 60)), notQuoted, notNegated20, notReported50, notBefore1),
    ],
  },
  {
    id: 'pressure-ultimatum',
    principle: 'Demands',
    category: 'pressure',
    title: 'No ultimatums',
    description:
      'Ultimatums and all-or-nothing choices: "talk to me or I’m leaving", "give him an ultimatum", "or leave him", "just divorce her".',
    quote: quotes.urgency,
    message: 'Connection doesn’t return through urgency or intensity. Could you say this in a way that leaves the other person room?',
    rejectText: 'Your post was not published as it stands because it reads as an ultimatum; there is room to say the same without one.',
    action: 'nudge',
    detect: (text, ctx) => find(ULTIMATUM, text, ctx, notQuoted, notNegated24, notReported50, notBefore2),
  },
  {
    id: 'pressure-demand',
    principle: 'Demands',
    category: 'pressure',
    title: 'Invite, don’t command',
    description:
      'Commands aimed at another poster: "you need to", "you have to", "stop being", "man up". Kindness ("you need to take care of yourself", "you don’t have to decide today") and negation ("I’m not saying you must") do not fire.',
    quote: quotes.honored,
    message: 'Advice lands best as an invitation; could you offer this as something they might try, rather than something they must do?',
    rejectText:
      'Your post was not published as it stands because it tells another person what they must do; an invitation works better here.',
    action: 'nudge',
    detect: (text, ctx) => find(DEMAND, text, ctx, notAfter1, notQuoted, notNegated24, notReported40, notAfter2, notBefore3),
  },
  {
    id: 'pressure-shouting',
    principle: 'Intensity',
    category: 'pressure',
    title: 'Lower the volume',
    description: 'Writing mostly in capitals, or bursts of exclamation marks ("!!!"). Acronyms (ADHD, MC) do not count.',
    quote: quotes.intensity,
    message:
      'Strong feeling is welcome here, and it’s often heard better at a softer volume; could you try it without the capitals and exclamation marks?',
    rejectText: 'Your post was not published as it stands because it reads as shouting; the same words at a softer volume are welcome.',
    action: 'nudge',
    detect: (text, ctx) => shouting(ctx, text),
  },
  {
    id: 'pressure-doom',
    principle: 'Doom',
    category: 'pressure',
    title: 'Leave the door open',
    description:
      'Declaring a marriage finished or a person beyond change: "your marriage is over", "it’s hopeless", "he’ll never change". Fear and questions ("I’m scared it’s over", "is it hopeless?"), memories ("I used to think it was over") and the article’s own "does not mean your marriage is over" do not fire.',
    quote: quotes.notOver,
    message: 'Feeling afraid does not mean a marriage is over; could you say this in a way that leaves the door open?',
    rejectText:
      'Your post was not published as it stands because it declares things hopeless; fear is welcome here, certainty of the end is not ours to give.',
    action: 'nudge',
    detect: (text, ctx) =>
      find(
        DOOM,
        text,
        ctx,
        notQuoted,
        notReported60,
        notNegated30,
        (t, s, e) => !(/hopeless$/.test(t.slice(s, e)) && /^ (?:at|with|about)\b/.test(t.slice(e, e + 8))),
        (t, s) => !DOOM_HEDGE.test(before(t, s, 50)),
        notAfter3,
        notAfter4,
        notBefore4,
      ),
  },
  {
    id: 'pressure-label',
    principle: 'Respect',
    category: 'pressure',
    title: 'Describe, don’t diagnose',
    description:
      'Labelling a spouse or a poster: "narcissist", "toxic", "sociopath", "gaslighter", "crazy". Describing a behaviour ("what he did felt cruel"), reading about a term, or a worry about oneself ("was I being toxic?") does not fire.',
    quote: quotes.respect,
    message: 'Labels can turn a person into a problem to solve; could you describe what happened and how it felt instead?',
    rejectText: 'Your post was not published as it stands because it labels a person; describing what happened works better here.',
    action: 'nudge',
    detect: (text, ctx) => find(LABEL, text, ctx, notQuoted, negationInside, notAfter5, notNegated16, notReported40, notAfter6, notBefore5),
  },
  {
    id: 'pressure-dismissive',
    principle: 'Respect',
    category: 'pressure',
    title: 'Meet pain with care',
    description:
      'Dismissive or blaming replies: "first world problems", "you’re overreacting", "it’s your own fault", "no wonder he left". Reassurance ("you’re not overreacting") does not fire.',
    quote: quotes.respect,
    message: 'Even when you see it differently, this person is hurting; could you share your view in a way that leaves them their dignity?',
    rejectText:
      'Your post was not published as it stands because it blames or dismisses another person; disagreement is welcome when it is kind.',
    action: 'nudge',
    detect: (text, ctx) => find(DISMISS, text, ctx, notQuoted, negationInside, notNegated24, notReported40, notBefore6),
  },
  {
    id: 'pressure-reassurance',
    principle: 'Chasing reassurance',
    category: 'pressure',
    title: 'Let reassurance come freely',
    description:
      'Advice to chase reassurance: "make him tell you he loves you", "keep asking her until she answers", "ask him every day". Sharing one’s own habit of asking ("I keep asking him if he still loves me") does not fire.',
    quote: quotes.reassurance,
    message:
      'Repeatedly asking for closeness or certainty often increases pressure rather than comfort; could you suggest something gentler?',
    rejectText: 'Your post was not published as it stands because it encourages chasing reassurance; something gentler would help more.',
    action: 'nudge',
    detect: (text, ctx) => find(REASSURANCE, text, ctx, notQuoted, notNegated20, notReported40, notBefore7),
  },
  {
    id: 'pressure-old-wounds',
    principle: 'Old wounds in constant focus',
    category: 'pressure',
    title: 'Let old wounds rest',
    description:
      'Advice to keep past hurts in constant focus: "bring up the affair every time", "never let him forget", "make her pay for it". Telling one’s own story of the past does not fire.',
    quote: quotes.oldWounds,
    message: 'Revisiting past hurts before stability returns can keep both people defensive; could you focus on what would help now?',
    rejectText: 'Your post was not published as it stands because it keeps old wounds in focus; what would help now is welcome.',
    action: 'nudge',
    detect: (text, ctx) => find(OLD_WOUNDS, text, ctx, notQuoted, notNegated20, notReported40, notBefore8),
  },
];

/** Every regex of this phase, for the linear-time spec. */
export const patterns: Readonly<Record<string, RegExp>> = {
  DEMAND,
  DISMISS,
  DOOM,
  DOOM_HEDGE,
  LABEL,
  OLD_WOUNDS,
  REASSURANCE,
  ULTIMATUM,
  URGENCY,
  URGENCY_TAIL,
};
