/** Every sentence a moderator (or the CLI's user) may read about accounts and sessions. */
export const MESSAGES = {
  /** One message for an unknown e-mail, a wrong password and a disabled account. */
  noMatch: 'That e-mail and password don’t match an account.',
  signIn: 'Please sign in to moderate.',
  needsAdmin: 'This needs an administrator.',
  tooManyAttempts: 'Too many sign-in attempts. Please wait a few minutes, then try again.',
  badEmail: 'That doesn’t look like an e-mail address.',
  badRole: 'The role must be MODERATOR or ADMIN.',
  shortPassword: (min: number) => `The password must be at least ${min} characters long.`,
  longPassword: (max: number) => `The password must be at most ${max} characters long.`,
  emailTaken: 'An account with that e-mail already exists.',
  noAccount: 'There is no account with that e-mail.',
} as const;
