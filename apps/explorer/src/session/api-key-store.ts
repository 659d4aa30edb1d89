/**
 * The API key lives in sessionStorage: it survives reloads of the tab, not the tab itself, and
 * other tabs never see it.
 */
const KEY = 'alma.explorer.apiKey';

export function readApiKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function saveApiKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(KEY);
}
