import type { FastifyReply, FastifyRequest } from 'fastify';
import { cameOverHttps } from '../common/https';

/**
 * How a session token travels: `Authorization: Bearer <token>` for API clients, the httpOnly
 * cookie `steady_session` for browsers. No cookie plugin: the header is written here.
 */
export const SESSION_COOKIE = 'steady_session';

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The Bearer token when an Authorization header carries one, else the cookie's value, else null. */
export function readSessionToken(req: FastifyRequest): string | null {
  const authorization = header(req, 'authorization');
  const bearer = authorization?.match(/^\s*Bearer\s+(\S+)\s*$/i);
  if (bearer) return bearer[1];
  return readCookie(header(req, 'cookie'), SESSION_COOKIE);
}

export function readCookie(cookieHeader: string | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value) || null;
    } catch {
      return null;
    }
  }
  return null;
}

export { cameOverHttps };

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.header('set-cookie', cookie(token, maxAgeSeconds, cameOverHttps(req)));
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply) {
  reply.header('set-cookie', cookie('', 0, cameOverHttps(req)));
}
