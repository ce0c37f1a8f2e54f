import { createContext, useContext } from 'react';

// The CSP nonce of the response being rendered (ADR 009). Only the server knows it; in the
// browser it is empty, which is all hydration needs (browsers hide a nonce from the DOM).
const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}

// The reader's stylesheet, written into the page's <head> by the server (ADR 025): on a slow
// phone network a separate stylesheet costs a whole round trip before anything shows. Only the
// server has the text; in the browser the <style> element keeps what the server wrote.
const InlineStylesContext = createContext<string>('');

export const InlineStylesProvider = InlineStylesContext.Provider;

export function useInlineStyles(): string {
  return useContext(InlineStylesContext);
}
