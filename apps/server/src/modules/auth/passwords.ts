import { AppError } from '../../lib/errors.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/**
 * Passwords people pick most often (from public breach top lists, ≥ 10 characters, plus Spanish favourites). Compared
 * case-insensitively; a short list on purpose: length does most of the work, this stops the obvious ones.
 */
const COMMON = new Set(
  [
    '1234567890',
    '12345678910',
    '123456789a',
    '1234567890a',
    '0987654321',
    '1111111111',
    '0000000000',
    '1q2w3e4r5t',
    '1q2w3e4r5t6y',
    '1qaz2wsx3edc',
    'qwertyuiop',
    'qwertyuiop123',
    'asdfghjkl1',
    'asdfghjkl123',
    'zxcvbnm123',
    'qwerty1234',
    'qwerty12345',
    'qwerty123456',
    'password12',
    'password123',
    'password1234',
    'password12345',
    'password!123',
    'passw0rd123',
    'p@ssw0rd123',
    'p@ssword123',
    'iloveyou123',
    'iloveyou12',
    'princess123',
    'sunshine123',
    'football123',
    'baseball123',
    'superman123',
    'batman12345',
    'welcome123',
    'welcome1234',
    'letmein123',
    'letmein1234',
    'admin12345',
    'admin123456',
    'administrator',
    'administrador',
    'changeme123',
    'trustno1234',
    'monkey12345',
    'dragon12345',
    'master12345',
    'abc1234567',
    'abcdefghij',
    'abcdefg123',
    'abcd123456',
    'a123456789',
    'aa12345678',
    'qazwsxedcrfv',
    'contraseña',
    'contraseña1',
    'contraseña123',
    'contrasena',
    'contrasena1',
    'contrasena123',
    'micontraseña',
    'teamo12345',
    'teamo123456',
    'tequiero123',
    'colombia123',
    'colombia2024',
    'colombia2025',
    'colombia2026',
    'argentina123',
    'mexico12345',
    'barcelona123',
    'realmadrid123',
    'cloudvertice',
    'cloudvertice1',
    'cloudvertice123',
    'vertice12345',
    'servidor123',
    'usuario1234',
    'usuario12345',
  ].map((p) => p.toLowerCase()),
);

/** Why a password is not acceptable, or null when it is. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'This password is too common: it appears in lists of leaked passwords.';
  if (/^(.)\1+$/.test(password)) return 'The password cannot be one character repeated.';
  if (context.email && lower === context.email.toLowerCase())
    return 'The password cannot be your e-mail address.';
  return null;
}

export function assertStrongPassword(password: string, context: { email?: string } = {}): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new AppError('weak_password', problem);
}
