/** Sentences about author keys that a reader may read: calm, warm, short. */
export const AUTHOR_KEY_MESSAGES = {
  issued: 'This browser now holds its own private key.',
  alreadyHeld: 'This browser already holds a private key. Nothing has changed.',
  tooManyNewKeys: 'Many new readers have joined from this connection in the past hour. Please try again a little later.',
} as const;
