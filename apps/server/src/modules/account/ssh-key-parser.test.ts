import { describe, expect, it } from 'vitest';
import { newKey } from '../../../test/ssh-keys.ts';
import { parseSshPublicKey, SshKeyError } from './ssh-key-parser.ts';

/** Made with `ssh-keygen`; fingerprints as printed by `ssh-keygen -lf`. */
const FIXTURES = [
  {
    line: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKWt1+9wOfpKvsThsb3+/1UuAh33NHGNmOcX3DahU70W ana@laptop',
    fingerprint: 'SHA256:iwSUG5n7SvSlGfFZ13xnyfxM2qYS08sn1ZDkhppis3E',
    type: 'ssh-ed25519',
    bits: 256,
  },
  {
    line: 'ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBAwn7gPzM78tZPD5BdrhMlCzxW50cUDiO5n6Ch2j1JkcgHmxXUIZUmiGZm2kWLQIcqOqlNIwCu9JLW0eETxAJgVvibPlz+WViz7VzehSx/nkjd7J/g7j38dnePblsmCDEw== ci',
    fingerprint: 'SHA256:zgUqBe1fL7J9i8VzFfftc33YaPzspE3FxoV21xFckZ0',
    type: 'ecdsa-sha2-nistp384',
    bits: 384,
  },
  {
    line: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCX9EfBcR5GZ76dvE0Xl419FH0vCKDAD4Y+KSgNDoHWjNJapBRXEAaeICPTxD6LnQTtiR7gW473uteBXKKxxkeZiUbmZ7ENxNpst1vMTczkBkA/pabUSx85DXqG9b/mxlwNVfYDk6mPUYtn4+xFk4gvtpmpFqXAXdon2LPlnUVc46haxYDK4uAGaX2pjm8UUIBYonxqHvr94fwBf6pEOA9oqlWF3YjwdD45f6goIjPvE/I1L5hyUPJ+ozIlR0KfvM/tH6LeQoVCk0iY3gEhZcPfqJAENGks2I1KrVpai3RaWXZWDkw7t8pGUj20oxQxJp1JHNlbPGpCgGAyLfQ8bgn7 old box',
    fingerprint: 'SHA256:JNQW0lN63RRB8Bb4fAVdf0UbWO5kO2zHbD+X0hJXn4M',
    type: 'ssh-rsa',
    bits: 2048,
  },
];
const RSA_1024 =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC9aai8E69uMHvCitGEfbY9t8gkE4YA+GfrlP8Rt32pF7LNr2IEimA8+TlidW9bRoHCxbEAiOQS4uXO7XBDNfZaZ2VzRETMwrMZIJz3tqRqtMfLnsMqM7rrAy8mzIAUsBeqcbLxfcmLaVn0kvB2pZoG/fwKFrc8HW6zklXjG7rEVw== root@vm';

describe('OpenSSH public key parser', () => {
  it.each(FIXTURES)(
    'parses $type with the fingerprint ssh-keygen prints',
    ({ line, fingerprint, type, bits }) => {
      const parsed = parseSshPublicKey(`  ${line}\n`);
      expect(parsed).toMatchObject({ type, bits, fingerprint });
      expect(parsed.publicKey).toBe(line);
    },
  );

  it('accepts fresh ed25519, ECDSA (P-256/384/521) and RSA-4096 keys', () => {
    expect(parseSshPublicKey(newKey.ed25519()).type).toBe('ssh-ed25519');
    for (const curve of ['P-256', 'P-384', 'P-521'] as const) {
      expect(parseSshPublicKey(newKey.ecdsa(curve)).type).toMatch(/^ecdsa-sha2-nistp/);
    }
    expect(parseSshPublicKey(newKey.rsa(4096)).bits).toBe(4096);
  });

  it('rejects RSA keys under 2048 bits', () => {
    expect(() => parseSshPublicKey(RSA_1024)).toThrow(/at least 2048 bits \(this one has 1024\)/);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'hello world'],
    ['bad base64', 'ssh-ed25519 AAAA$$$$'],
    ['truncated', FIXTURES[0]!.line.slice(0, 40)],
    ['type mismatch', FIXTURES[0]!.line.replace('ssh-ed25519', 'ssh-rsa')],
    ['unsupported type', 'ssh-dss AAAAB3NzaC1kc3MAAACBAP== x'],
    [
      'private key',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----',
    ],
    ['two keys', `${FIXTURES[0]!.line}\n${FIXTURES[1]!.line}`],
  ])('rejects %s', (_label, input) => {
    expect(() => parseSshPublicKey(input)).toThrow(SshKeyError);
  });

  it('rejects trailing bytes and an invalid curve point', () => {
    const [type, data] = FIXTURES[0]!.line.split(' ');
    const padded = Buffer.concat([Buffer.from(data!, 'base64'), Buffer.from([0, 0, 0, 0])]).toString(
      'base64',
    );
    expect(() => parseSshPublicKey(`${type} ${padded}`)).toThrow(/trailing/);
    const [ecType, ecData] = FIXTURES[1]!.line.split(' ');
    const blob = Buffer.from(ecData!, 'base64');
    blob[blob.length - 1] = blob.at(-1)! ^ 0xff;
    expect(() => parseSshPublicKey(`${ecType} ${blob.toString('base64')}`)).toThrow(/not a valid public key/);
  });
});
