import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '~/root';

/** The browser session's form token (ADR 009): in every form that posts, with or without JavaScript. */
export function CsrfField() {
  const token = useRouteLoaderData<typeof rootLoader>('root')?.csrf;
  return token ? <input type="hidden" name="csrf" value={token} /> : null;
}
