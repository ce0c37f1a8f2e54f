const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POST_ID = /^[1-9]\d{0,17}$/;
const BIGINT_MAX = 9223372036854775807n;

/** Ids are checked before they reach SQL, so a mistyped id is "not found", never a database error. */
const isUuid = (id: string) => UUID.test(id);
export const isSectionId = isUuid;
export const isArticleId = isUuid;
export const isPostId = (id: string) => POST_ID.test(id);

/** Digits that PostgreSQL's bigint can hold (cursors carry ids; a larger number must never reach SQL). */
export const fitsBigint = (digits: string) => /^\d{1,19}$/.test(digits) && BigInt(digits) <= BIGINT_MAX;
