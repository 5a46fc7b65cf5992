import { useEffect, useState } from 'react';

export const TOKEN_STORAGE_KEY = 'govcloud.token';

// localStorage can throw (disabled storage, locked-down intranet browsers);
// the IDE must still work, the token is then simply not remembered.
function readToken(): string {
  try {
    return window.localStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

function writeToken(token: string): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_STORAGE_KEY, token);
    else window.localStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Not persisting is acceptable; see readToken.
  }
}

/** The bearer token, persisted across reloads in localStorage. */
export function useStoredToken(): [string, (token: string) => void] {
  const [token, setToken] = useState(readToken);
  useEffect(() => writeToken(token), [token]);
  return [token, setToken];
}

/**
 * Delays a fast-changing value. A new token means a new fetcher, and GraphiQL
 * re-runs introspection for every new fetcher, so we wait until typing or
 * pasting has settled instead of introspecting on every keystroke.
 */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** Builds the Authorization header; a pasted "Bearer xxx" is accepted too. */
export function authHeaders(token: string): Record<string, string> {
  const trimmed = token.trim().replace(/^bearer\s+/i, '');
  return trimmed ? { Authorization: `Bearer ${trimmed}` } : {};
}
