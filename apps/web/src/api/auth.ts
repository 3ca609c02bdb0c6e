// Sign-in, registration, e-mail verification and password reset. Used only by the lazy auth pages.
import { client } from './contract.ts';
import type { LoginRequest, RegisterRequest } from './models.ts';

export const login = (body: LoginRequest) => client.post('/api/auth/login', { body });

export const register = (body: RegisterRequest) => client.post('/api/auth/register', { body });

export const verifyEmail = (token: string, signal?: AbortSignal) =>
  client.get('/api/auth/verify-email/{token}', { params: { token }, signal });

/** Always 202: the answer is the same whether the address has an (unverified) account or not. */
export const resendVerification = (email: string) =>
  client.post('/api/auth/resend-verification', { body: { email } });

export const forgotPassword = (email: string) =>
  client.post('/api/auth/forgot-password', { body: { email } });

export const resetPassword = (token: string, password: string) =>
  client.post('/api/auth/reset-password', { body: { token, password } });

export const logoutAll = () => client.post('/api/auth/logout-all');
