import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { line, plan } from './cartFixtures.ts';
import {
  applyServerErrors,
  checkCartItem,
  checkNewKey,
  clearServerErrors,
  isWindows,
  toRequest,
  currentServerErrors as current,
  utf8Bytes,
} from './cartRules.ts';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN/Cr3JXqmLW7u+g9pTh+wyqDHpSQEIQczXkVx9q me@laptop';

describe('cart line checks', () => {
  it('accepts a line that matches its plan', () => {
    expect(checkCartItem(line({ displayName: 'web-1', sshKeyIds: ['k1'] }), plan)).toEqual({});
    // An unknown plan is not the browser's to judge (the page shows it as withdrawn).
    expect(checkCartItem(line({ region: 'nowhere' }), undefined)).toEqual({});
  });

  it('flags a period, region or image the plan does not offer', () => {
    expect(checkCartItem(line({ periodMonths: 6 as never, region: 'SIN', imageId: 'gone' }), plan)).toEqual({
      periodMonths: 'cart.errors.periodMonths',
      region: 'cart.errors.region',
      imageId: 'cart.errors.imageId',
    });
  });

  it('refuses SSH keys on Windows and more than ten of a kind', () => {
    expect(isWindows(plan, 'win')).toBe(true);
    expect(isWindows(plan, 'ubuntu')).toBe(false);
    expect(isWindows(undefined, 'win')).toBe(false);
    expect(checkCartItem(line({ imageId: 'win', sshKeyIds: ['k1'] }), plan).sshKeys).toBe(
      'cart.errors.sshWindows',
    );
    expect(checkCartItem(line({ imageId: 'win' }), plan).sshKeys).toBeUndefined();
    const ids = Array.from({ length: 11 }, (_, i) => `k${i}`);
    expect(checkCartItem(line({ sshKeyIds: ids }), plan).sshKeys).toBe('cart.errors.sshTooMany');
    expect(checkCartItem(line({ sshKeyIds: ids.slice(1) }), plan).sshKeys).toBeUndefined();
  });

  it('checks the hostname and the user data size in UTF-8 bytes', () => {
    expect(checkCartItem(line({ displayName: '-web' }), plan).displayName).toBe('cart.errors.displayName');
    expect(checkCartItem(line({ displayName: 'web_1' }), plan).displayName).toBe('cart.errors.displayName');
    expect(checkCartItem(line({ displayName: 'a'.repeat(64) }), plan).displayName).toBe(
      'cart.errors.displayName',
    );
    expect(checkCartItem(line({ displayName: ` ${'a'.repeat(63)} ` }), plan).displayName).toBeUndefined();
    expect(utf8Bytes('ñ')).toBe(2);
    expect(checkCartItem(line({ userData: 'ñ'.repeat(8192) }), plan).userData).toBeUndefined();
    expect(checkCartItem(line({ userData: 'ñ'.repeat(8193) }), plan).userData).toBe('cart.errors.userData');
  });
});

describe('pasted SSH keys', () => {
  it('needs a name and a public key', () => {
    expect(checkNewKey(' ', '', [])).toEqual({
      name: 'validation.required',
      publicKey: 'validation.required',
    });
    expect(checkNewKey('x'.repeat(101), KEY, []).name).toBe('validation.tooLong');
    expect(checkNewKey('laptop', KEY, [])).toEqual({});
  });

  it('refuses private keys, unknown formats and a key already on the line', () => {
    expect(checkNewKey('k', '-----BEGIN OPENSSH PRIVATE KEY-----', []).publicKey).toBe(
      'validation.sshKeyPrivate',
    );
    expect(checkNewKey('k', 'ssh-foo AAAA', []).publicKey).toBe('validation.sshKey');
    const sameBody = `${KEY.split(' ').slice(0, 2).join(' ')} other-comment`;
    expect(checkNewKey('k', sameBody, [{ publicKey: KEY }]).publicKey).toBe('validation.sshKeyDuplicate');
  });
});

describe('order request of a line', () => {
  it('sends optional fields only when they carry something, trimmed', () => {
    expect(toRequest(line({ displayName: '  ', userData: ' \n' }))).toEqual({
      productId: 'p1',
      periodMonths: 12,
      region: 'EU',
      imageId: 'ubuntu',
    });
    expect(
      toRequest(
        line({
          sshKeyIds: ['k1'],
          sshPublicKeys: [{ name: ' laptop ', publicKey: ` ${KEY}\n` }],
          displayName: ' web-1 ',
          userData: '#cloud-config\n',
        }),
      ),
    ).toMatchObject({
      sshKeyIds: ['k1'],
      sshPublicKeys: [{ name: 'laptop', publicKey: KEY }],
      displayName: 'web-1',
      userData: '#cloud-config\n',
    });
  });
});

describe('errors the API sent back for the lines', () => {
  const validation = (details: unknown) =>
    new ApiError({ status: 400, code: 'validation_error', message: 'invalid', details });

  it('files each error under the line and field it names', () => {
    const items = [line({ id: 'a' }), line({ id: 'b' })];
    const filed = applyServerErrors(
      validation([
        { field: 'body.items.1.displayName', message: 'bad' },
        { field: 'body.items.0.sshPublicKeys.0.publicKey', message: 'bad key' },
        { field: 'body.items.0.sshKeyIds', message: 'Windows images take no SSH keys' },
        { field: 'body.items.7.region', message: 'no such line' },
        { field: 'body.currency', message: 'not a line' },
      ]),
      items,
    );
    expect(filed).toBe(true);
    expect(current()).toEqual({
      a: { sshKeys: 'cart.errors.sshWindows' },
      b: { displayName: 'cart.errors.displayName' },
    });
    clearServerErrors('b', 'displayName');
    expect(current().b).toEqual({});
    clearServerErrors('a');
    expect(current()).toEqual({ b: {} });
    clearServerErrors();
    expect(current()).toEqual({});
  });

  it('ignores anything that is not a validation error', () => {
    expect(applyServerErrors(new ApiError({ status: 409, code: 'conflict', message: 'x' }), [line()])).toBe(
      false,
    );
    expect(applyServerErrors(new Error('x'), [line()])).toBe(false);
  });
});
