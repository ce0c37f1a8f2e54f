import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/**
 * Password hashes and session tokens of moderator accounts. No Nest here: the CLI uses
 * these too. Nothing in this file logs.
 */
/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes): about 0.1 s a hash here. */
const HASH_OPTIONS = { type: argon2.argon2id } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash matches nothing
  }
}

export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash) || !hash.startsWith('$argon2id$');
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * Spends the time of one real verification when there is no account to check, so that an
 * unknown e-mail answers as slowly as a wrong password. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(await dummy, password);
  return false;
}

/** A one-time password for a new account: 15 random bytes, 20 base64url characters (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

/** A session token: 32 random bytes, base64url (43 characters). Only its SHA-256 is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isWellFormedToken(token: string | undefined | null): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The key login attempts are counted under: never the e-mail itself. */
export function emailThrottleKey(normalized: string): string {
  return createHash('sha256').update(`steady-login:${normalized}`, 'utf8').digest('base64url');
}
