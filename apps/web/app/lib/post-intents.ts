// What the section page's forms may ask of its action, as one schema: a discriminated union on
// `intent`. The action parses every submission with it (then the API has the final word); the
// browser checks only the words, with checkPostBody (post-body.ts), and never loads this schema.
import { FLAG_NOTE_MAX, fitsBodyLimit } from '@steady/rules';
import * as z from 'zod/mini';
import { FlagReason, ReactionKind } from '~/graphql/generated';
import { EMPTY_BODY_MESSAGE, LONG_BODY_MESSAGE } from './post-body';

export const UNKNOWN_INTENT_MESSAGE = 'That did not work. Please reload the page and try again.';
export const FLAG_REASON_MESSAGE = 'Please choose the reason that fits best.';
export const FLAG_NOTE_MESSAGE = `Please keep the note to ${FLAG_NOTE_MAX} characters; a few words are enough.`;
export const REACTION_KIND_MESSAGE = 'That reaction is not one Steady knows. Please reload the page.';

/** A post's words, trimmed: the rule of checkPostBody (post-body.ts), which the form applies in the browser. */
const PostBodySchema = z
  .string(EMPTY_BODY_MESSAGE)
  .check(z.trim(), z.minLength(1, EMPTY_BODY_MESSAGE), z.refine(fitsBodyLimit, LONG_BODY_MESSAGE));

/** A text field as a form sends it: a missing one is empty. */
const field = z.pipe(
  z.optional(z.string()),
  z.transform((value) => value ?? ''),
);
/** An optional id: empty is none. */
const optionalId = z.pipe(
  field,
  z.transform((value) => value || undefined),
);
/** A client-made token (idempotency key, nudge id): at most 100 characters, empty is none. */
const token = z.pipe(
  field,
  z.transform((value) => value.slice(0, 100) || undefined),
);
/** A hidden "true", else not said. */
const confirmed = z.pipe(
  field,
  z.transform((value) => (value === 'true' ? true : undefined)),
);

export const PostIntentSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create'),
    body: PostBodySchema,
    sectionId: field,
    parentId: optionalId,
    idempotencyKey: token,
    nudgeId: token,
    acknowledgeNudge: confirmed,
    /** "edit" (after a nudge, without JavaScript): back to the words, nothing sent; anything else is not said. */
    choice: z.pipe(
      field,
      z.transform((value) => (value === 'edit' ? ('edit' as const) : undefined)),
    ),
    /** The nudge's sentence, shown again (to the same person) while they edit. */
    nudgeMessage: z.pipe(
      field,
      z.transform((value) => value.slice(0, 600) || undefined),
    ),
  }),
  z.object({ intent: z.literal('edit'), body: PostBodySchema, postId: field, acknowledgeNudge: confirmed }),
  z.object({ intent: z.literal('delete'), postId: field }),
  z.object({
    intent: z.literal('react'),
    postId: field,
    kind: z.enum(Object.values(ReactionKind), REACTION_KIND_MESSAGE),
  }),
  z.object({
    intent: z.literal('flag'),
    postId: field,
    reason: z.enum(Object.values(FlagReason), FLAG_REASON_MESSAGE),
    note: z
      .pipe(
        field,
        z.transform((note) => note.trim()),
      )
      .check(z.maxLength(FLAG_NOTE_MAX, FLAG_NOTE_MESSAGE)),
  }),
]);

export type PostIntent = z.output<typeof PostIntentSchema>;
export type IntentName = PostIntent['intent'];
/** One intent's fields, e.g. `IntentOf<'flag'>`. */
export type IntentOf<K extends IntentName> = Extract<PostIntent, { intent: K }>;

/** Where a refusal is shown: beside the words (`body`) or at the top of the form. */
export type IntentErrors = { body?: string; form?: string };

const FIELDS = [
  'intent',
  'body',
  'sectionId',
  'parentId',
  'idempotencyKey',
  'nudgeId',
  'acknowledgeNudge',
  'choice',
  'nudgeMessage',
  'postId',
  'kind',
  'reason',
  'note',
];

/** A submitted form as the schema reads it: its text fields only (a file is no field of ours). */
function fieldsOf(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of FIELDS) {
    const value = form.get(name);
    if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}

/** The submission as one intent, or the calm sentence to show and where. */
export function parsePostIntent(form: FormData): { ok: true; intent: PostIntent } | { ok: false; errors: IntentErrors } {
  const result = PostIntentSchema.safeParse(fieldsOf(form));
  if (result.success) return { ok: true, intent: result.data };
  const issue = result.error.issues[0];
  if (!issue || issue.path[0] === 'intent' || issue.code === 'invalid_union')
    return { ok: false, errors: { form: UNKNOWN_INTENT_MESSAGE } };
  return { ok: false, errors: issue.path[0] === 'body' ? { body: issue.message } : { form: issue.message } };
}
