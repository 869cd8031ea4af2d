import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { clearToken, decodeClaims, onTokenChange, readToken, saveToken, type Claims, type StoredToken } from './token';

interface TokenResponse {
  access_token: string;
  token_type?: string;
  expires_in?: number;
}

interface AuthState {
  token: StoredToken | null;
  claims: Claims;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => void;
  /** VIEWER may only read */
  canWrite: boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<StoredToken | null>(() => readToken());
  const queryClient = useQueryClient();

  useEffect(() => onTokenChange(setToken), []);

  // Drop the token when it expires while the tab stays open.
  useEffect(() => {
    if (!token) return;
    const timer = setTimeout(() => clearToken(), Math.max(0, token.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [token]);

  const signIn = useCallback(async (username: string, password: string) => {
    const response = await api<TokenResponse>('/api/auth/token', { method: 'POST', json: { username, password } });
    saveToken(response.access_token, response.expires_in);
  }, []);

  const signOut = useCallback(() => {
    clearToken();
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<AuthState>(() => {
    const claims = token ? decodeClaims(token.accessToken) : {};
    const roles = claims.roles ?? [];
    return { token, claims, signIn, signOut, canWrite: roles.length === 0 || roles.some((r) => r !== 'VIEWER') };
  }, [token, signIn, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
