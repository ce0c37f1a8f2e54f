import type { HeadersFunction } from '@remix-run/node';

/**
 * Lets the headers a loader or action sets (Cache-Control on /me and /key, Retry-After on a
 * 429, …) reach the page: without a `headers` export Remix passes on only their cookies. The
 * parent's come first, then the loader's, the action's and the error's. Set-Cookie is left to
 * Remix, which already passes every cookie on. Every route exports it (ADR 009).
 */
export const pageHeaders: HeadersFunction = ({ parentHeaders, loaderHeaders, actionHeaders, errorHeaders }) => {
  const headers = new Headers();
  for (const source of [parentHeaders, loaderHeaders, actionHeaders, errorHeaders]) {
    source?.forEach((value, name) => {
      if (name !== 'set-cookie') headers.set(name, value);
    });
  }
  return headers;
};
