import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwords.ts';

describe('password policy', () => {
  it('accepts long, uncommon passwords', () => {
    expect(passwordProblem('Montaña-azul-2026')).toBeNull();
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });

  it('says why a password is refused', () => {
    expect(passwordProblem('Short1!')).toMatch(/at least 10/);
    expect(passwordProblem('x'.repeat(129))).toMatch(/at most 128/);
    expect(passwordProblem('QWERTYUIOP')).toMatch(/too common/);
    expect(passwordProblem('contraseña123')).toMatch(/too common/);
    expect(passwordProblem('zzzzzzzzzzzz')).toMatch(/repeated/);
    expect(passwordProblem('ana@example.com', { email: 'ANA@example.com' })).toMatch(/e-mail/);
  });
});
