// Sign-in, registration, e-mail verification and password reset. Used only by the lazy auth pages.
import { api } from './client.ts';
import type { LoginRequest, LoginResponse, RegisterRequest, User } from './types.ts';

export const login = (body: LoginRequest) => api.post<LoginResponse>('/api/auth/login', body);

export const register = (body: RegisterRequest) => api.post<{ user: User }>('/api/auth/register', body);

export const verifyEmail = (token: string, signal?: AbortSignal) =>
  api.get<{ verified: true; email: string }>(`/api/auth/verify-email/${encodeURIComponent(token)}`, {
    signal,
  });

/** Always 202: the answer is the same whether the address has an (unverified) account or not. */
export const resendVerification = (email: string) =>
  api.post<unknown>('/api/auth/resend-verification', { email });

export const forgotPassword = (email: string) => api.post<unknown>('/api/auth/forgot-password', { email });

export const resetPassword = (token: string, password: string) =>
  api.post<unknown>('/api/auth/reset-password', { token, password });

export const logoutAll = () => api.post<unknown>('/api/auth/logout-all');
