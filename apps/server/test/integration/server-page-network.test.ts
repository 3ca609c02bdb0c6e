import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { vpsFirewalls } from '../../src/db/schema/index.ts';
import { TEST_ENGINE } from '../db.ts';
import {
  useServerPage,
  t,
  sim,
  owner,
  as,
  asOther,
  vpsId,
  suspendedId,
  v4,
  v6,
  expectError,
} from './server-page.setup.ts';

useServerPage();

describe(`reverse DNS (${TEST_ENGINE})`, () => {
  it('lists the IPv4 and IPv6 records of the server', async () => {
    const res = await as({ method: 'GET', url: `/api/vps/${vpsId}/rdns` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { ip: v4, version: 4, ptr: 'vmi100001.contaboserver.net' },
      { ip: v6, version: 6, ptr: null },
    ]);
  });

  it('sets the PTR of its own IPv4 and IPv6 (created the first time); a trailing dot and case are normalised', async () => {
    const put4 = await as({
      method: 'PUT',
      url: `/api/vps/${vpsId}/rdns/${v4}`,
      payload: { ptr: 'Mail.Example.com.' },
    });
    expect(put4.statusCode).toBe(200);
    expect(put4.json()).toEqual({ ip: v4, version: 4, ptr: 'mail.example.com' });
    const put6 = await as({
      method: 'PUT',
      url: `/api/vps/${vpsId}/rdns/${encodeURIComponent(v6.toUpperCase())}`,
      payload: { ptr: 'v6.example.com' },
    });
    expect(put6.statusCode).toBe(200);
    expect((await as({ method: 'GET', url: `/api/vps/${vpsId}/rdns` })).json().items).toEqual([
      { ip: v4, version: 4, ptr: 'mail.example.com' },
      { ip: v6, version: 6, ptr: 'v6.example.com' },
    ]);
    const again = await as({
      method: 'PUT',
      url: `/api/vps/${vpsId}/rdns/${v6}`,
      payload: { ptr: 'v6b.example.com' },
    });
    expect(again.statusCode).toBe(200);
    expect((await t.container.contabo.client.ptrs.get(v6)).ptr).toBe('v6b.example.com');
  });

  it('refuses addresses that are not the server’s, other customers, suspended services and bad names', async () => {
    const other = (await t.container.contabo.client.instances.get(100002)).ipConfig.v4!.ip!;
    expectError(
      await as({ method: 'PUT', url: `/api/vps/${vpsId}/rdns/${other}`, payload: { ptr: 'x.example.com' } }),
      404,
      'not_found',
    );
    expectError(
      await asOther({
        method: 'PUT',
        url: `/api/vps/${vpsId}/rdns/${v4}`,
        payload: { ptr: 'x.example.com' },
      }),
      404,
    );
    expectError(await asOther({ method: 'GET', url: `/api/vps/${vpsId}/rdns` }), 404);
    expectError(await as({ method: 'GET', url: `/api/vps/${suspendedId}/rdns` }), 403, 'service_suspended');
    for (const ptr of [
      'localhost',
      'a..b.com',
      '-bad.example.com',
      'x'.repeat(64) + '.com',
      'a.b.123',
      'ok.com\u0000',
      'a b.com',
      `${'a.'.repeat(130)}com`,
    ]) {
      expectError(
        await as({ method: 'PUT', url: `/api/vps/${vpsId}/rdns/${v4}`, payload: { ptr } }),
        400,
        'validation_error',
      );
    }
    for (const ip of ['abc', '999.1.1.1', '%00', 'x'.repeat(200)]) {
      const res = await as({
        method: 'PUT',
        url: `/api/vps/${vpsId}/rdns/${ip}`,
        payload: { ptr: 'a.example.com' },
      });
      expect(res.statusCode).toBe(400);
    }
    expectError(await as({ method: 'PUT', url: `/api/vps/${vpsId}/rdns/${v4}`, payload: { ptr: 42 } }), 400);
  });

  it('a Contabo failure is clear and recorded', async () => {
    sim.injectFault({ kind: 'server_error', status: 503, count: 10, pathPattern: '^/v1/dns/ptrs' });
    const res = await as({
      method: 'PUT',
      url: `/api/vps/${vpsId}/rdns/${v4}`,
      payload: { ptr: 'z.example.com' },
    });
    sim.clearFaults();
    expectError(res, 503, 'contabo_unavailable');
    const history = (await as({ method: 'GET', url: `/api/vps/${vpsId}/actions` })).json();
    expect(history.items[0]).toMatchObject({ actionType: 'rdns-update', status: 'failed' });
  });
});

describe(`firewall (${TEST_ENGINE})`, () => {
  const url = () => `/api/vps/${vpsId}/firewall`;

  it('starts without one; refuses other customers, suspended services, firewall ids and bad rules', async () => {
    expect((await as({ method: 'GET', url: url() })).json()).toEqual({ firewall: null });
    expectError(await asOther({ method: 'GET', url: url() }), 404);
    expectError(await asOther({ method: 'POST', url: url(), payload: { preset: 'ssh' } }), 404);
    expectError(
      await as({ method: 'POST', url: `/api/vps/${suspendedId}/firewall`, payload: { preset: 'ssh' } }),
      403,
    );
    for (const payload of [
      { preset: 'ssh', firewallId: '00000000-0000-0000-0000-000000000000' },
      { preset: 'everything' },
      {},
      { rules: [{ protocol: 'tcp', ports: ['70000'] }] },
      { rules: [{ protocol: 'tcp', ports: [] }] },
      { rules: [{ protocol: 'icmp', ports: ['22'] }] },
      { rules: [{ protocol: 'tcp', ports: ['22'], sources: ['nope'] }] },
      { rules: [{ protocol: 'tcp', ports: ['22'], sources: ['10.0.0.0/33'] }] },
      { rules: [{ protocol: 'tcp', ports: ['22'], direction: 'outbound' }] },
      { rules: Array.from({ length: 51 }, () => ({ protocol: 'icmp' })) },
      { preset: 'ssh', rules: [] },
    ]) {
      const res = await as({ method: 'POST', url: url(), payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
    }
    expect(sim.state.firewalls.size).toBe(0);
  });

  it('a failed create leaves nothing behind and is recorded', async () => {
    sim.injectFault({
      kind: 'server_error',
      status: 400,
      count: 1,
      pathPattern: '^/v1/firewalls$',
      method: 'POST',
    });
    const res = await as({ method: 'POST', url: url(), payload: { preset: 'ssh' } });
    sim.clearFaults();
    expect(res.statusCode).toBe(502);
    expect((await as({ method: 'GET', url: url() })).json()).toEqual({ firewall: null });
    const history = (await as({ method: 'GET', url: `/api/vps/${vpsId}/actions` })).json();
    expect(history.items[0]).toMatchObject({ actionType: 'firewall-create', status: 'failed' });
  });

  it('creates one from a preset and attaches it; a second create (even in parallel) is refused', async () => {
    const [a, b] = await Promise.all([
      as({ method: 'POST', url: url(), payload: { preset: 'web' } }),
      as({ method: 'POST', url: url(), payload: { preset: 'ssh' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const view = (a.statusCode === 201 ? a : b).json();
    expect(view.firewall.enabled).toBe(true);
    expect(view.firewall.rules.map((r: { ports: string[] }) => r.ports[0]).sort()).toEqual(
      (a.statusCode === 201 ? ['22', '443', '80'] : ['22']).sort(),
    );
    expect(JSON.stringify(view)).not.toMatch(/firewallId|contabo/i);
    const [row] = await t.database.db
      .select()
      .from(vpsFirewalls)
      .where(eq(vpsFirewalls.vpsInstanceId, vpsId));
    expect(row!.userId).toBe(owner.userId);
    const fw = sim.state.firewalls.get(row!.contaboFirewallId)!;
    expect(fw.instanceIds).toEqual([100001]);
    expect(sim.state.firewalls.size).toBe(1);
    expectError(await as({ method: 'POST', url: url(), payload: { preset: 'ssh' } }), 409);
  });

  it('changes rules and turns it off; the Contabo firewall follows', async () => {
    const res = await as({
      method: 'PUT',
      url: url(),
      payload: {
        rules: [
          {
            protocol: 'tcp',
            ports: ['22', '8000-8100'],
            sources: ['203.0.113.7', '2001:db8::/32'],
            description: 'admin',
          },
          { protocol: 'icmp' },
        ],
        enabled: false,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().firewall).toMatchObject({ preset: null, enabled: false });
    const [row] = await t.database.db
      .select()
      .from(vpsFirewalls)
      .where(eq(vpsFirewalls.vpsInstanceId, vpsId));
    const fw = sim.state.firewalls.get(row!.contaboFirewallId)!;
    expect(fw.status).toBe('inactive');
    expect(fw.rules[0]).toMatchObject({
      protocol: 'tcp',
      destPorts: ['22', '8000-8100'],
      srcCidr: { ipv4: ['203.0.113.7/32'], ipv6: ['2001:db8::/32'] },
    });
    expect(fw.rules[1]).toMatchObject({ protocol: 'icmp', destPorts: [], srcCidr: { ipv4: ['AnyIPv4'] } });
    expectError(await as({ method: 'PUT', url: url(), payload: {} }), 400);
    expectError(await asOther({ method: 'PUT', url: url(), payload: { enabled: true } }), 404);
  });

  it('removing it detaches and deletes it at Contabo', async () => {
    expectError(await asOther({ method: 'DELETE', url: url() }), 404);
    const res = await as({ method: 'DELETE', url: url() });
    expect(res.statusCode).toBe(204);
    expect(sim.state.firewalls.size).toBe(0);
    expect((await as({ method: 'GET', url: url() })).json()).toEqual({ firewall: null });
    expectError(await as({ method: 'DELETE', url: url() }), 404);
  });
});
