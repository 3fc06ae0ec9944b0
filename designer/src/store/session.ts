import type { StateCreator } from 'zustand';
import type { Store } from './index';

export interface SessionSlice {
  token: string | null;
  /** Why the sign-in form is showing, if the server turned the last token away. */
  authError: 'rejected' | null;
  signIn(token: string): void;
  signOut(reason?: 'rejected'): void;
}

const TOKEN_KEY = 'huitou.token';

export function storedToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage disabled: the user signs in for this page only
  }
}

export const createSessionSlice: StateCreator<Store, [], [], SessionSlice> = (set) => ({
  token: storedToken(),
  authError: null,
  signIn(token) {
    try {
      localStorage.setItem(TOKEN_KEY, token);
    } catch {
      /* see storedToken */
    }
    set({ token, authError: null });
  },
  signOut(reason) {
    try {
      localStorage.removeItem(TOKEN_KEY);
    } catch {
      /* see storedToken */
    }
    set({ token: null, authError: reason ?? null });
  },
});
