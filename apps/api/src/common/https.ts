import type { FastifyRequest } from 'fastify';

/** Over TLS, or behind a proxy (the web server) that says the browser used https. */
export function cameOverHttps(req: FastifyRequest): boolean {
  const value = req.headers['x-forwarded-proto'];
  const forwarded = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || req.protocol === 'https';
}
