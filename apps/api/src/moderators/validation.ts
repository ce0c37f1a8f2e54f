import { badInput } from '../common/errors';
import { MESSAGES } from './messages';
import { ModeratorRole } from './moderator.entity';

/**
 * The rules an account's e-mail, role and password follow. Light on purpose (no argon2, no
 * Nest): the CLI checks its input with these before it loads anything else.
 */
export const PASSWORD_MIN = 12;
/** argon2 takes any length; a cap keeps a sign-in from hashing megabytes. */
export const PASSWORD_MAX = 1024;
export const EMAIL_MAX = 254;

/** Lower-cased and trimmed: the form stored and compared. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A plain check (one @, a dot in the domain, no spaces): the address is only a login name. */
export function isValidEmail(normalized: string): boolean {
  return normalized.length <= EMAIL_MAX && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(normalized);
}

export function validEmail(email: string): string {
  const normalized = normalizeEmail(String(email ?? ''));
  if (!isValidEmail(normalized)) throw badInput('email', MESSAGES.badEmail);
  return normalized;
}

/** MODERATOR or ADMIN, in any case. */
export function validRole(role: string): ModeratorRole {
  const upper = String(role ?? '')
    .trim()
    .toUpperCase();
  const roles: readonly string[] = Object.values(ModeratorRole);
  if (!roles.includes(upper)) throw badInput('role', MESSAGES.badRole);
  return upper as ModeratorRole;
}

/** At least PASSWORD_MIN characters (code points), at most PASSWORD_MAX. */
export function validNewPassword(password: string): string {
  if (typeof password !== 'string' || [...password].length < PASSWORD_MIN) throw badInput('password', MESSAGES.shortPassword(PASSWORD_MIN));
  if (password.length > PASSWORD_MAX) throw badInput('password', MESSAGES.longPassword(PASSWORD_MAX));
  return password;
}
