import { createContext, useContext } from 'react';

// The CSP nonce of the response being rendered (ADR 009). Only the server knows it; in the
// browser it is empty, which is all hydration needs (browsers hide a nonce from the DOM).
const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
