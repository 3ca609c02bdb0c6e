import { describe, expect, it } from 'vitest';
import { instanceUserData } from './fulfilment.cloud-init.ts';

describe('user data of an API-created instance', () => {
  it("applies the customer's hostname through cloud-init", () => {
    expect(instanceUserData({ displayName: 'web-1', userData: null, windows: false })).toBe(
      '#cloud-config\npreserve_hostname: false\nhostname: web-1\n',
    );
  });

  it("keeps the customer's own cloud-init untouched, and sends none to Windows or without a hostname", () => {
    const own = '#cloud-config\npackages: [nginx]\n';
    expect(instanceUserData({ displayName: 'web-1', userData: own, windows: false })).toBe(own);
    expect(instanceUserData({ displayName: 'win-1', userData: null, windows: true })).toBeUndefined();
    expect(instanceUserData({ displayName: null, userData: null, windows: false })).toBeUndefined();
  });
});
