/** Shared setup of the server-page tests (split by topic into several files). */
import { afterAll, beforeAll, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import type { SimulatorControl } from '@cloud-vertice/contabo/simulator';
import { images } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { api, customer } from '../auth-helpers.ts';
import { createVpsInstance } from '../factories.ts';

export let t: TestApp;
export let sim: SimulatorControl;
export let owner: Awaited<ReturnType<typeof customer>>;
export let as: ReturnType<typeof api>;
export let asOther: ReturnType<typeof api>;
export let vpsId: string;
export let suspendedId: string;
export let v4: string;
export let v6: string;
export let imageId: string;

export const expectError = (res: { statusCode: number; json(): unknown }, status: number, code?: string) => {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { error: { code: string; message: string } };
  expect(typeof body.error.message).toBe('string');
  if (code) expect(body.error.code).toBe(code);
};

export async function settle(ms: number) {
  sim.advance(ms);
  t.clock.advance(ms);
  await t.container.vps.trackActions();
}

/** Registers the shared app and fixtures for the file that calls it (at top level). */
export function useServerPage() {
  beforeAll(async () => {
    t = await createTestApp({ contabo: { timing: { actionMs: 3_000, provisionMs: 10_000 } } });
    sim = t.container.contabo.simulator!.control;
    owner = await customer(t);
    as = api(t.app, owner.accessToken);
    asOther = api(t.app, (await customer(t)).accessToken);
    const instance = await t.container.contabo.client.instances.get(100001);
    v4 = instance.ipConfig.v4!.ip!;
    v6 = instance.ipConfig.v6!.ip!;
    const vps = await createVpsInstance(t.database.db, {
      userId: owner.userId,
      contaboInstanceId: 100001,
      name: 'vmi100001',
      displayName: 'web-1',
      ipAddress: v4,
      ipV6Address: v6,
      osType: 'Linux',
    });
    vpsId = vps.id;
    suspendedId = (
      await createVpsInstance(t.database.db, {
        userId: owner.userId,
        contaboInstanceId: 100003,
        displayName: 'old',
        serviceStatus: 'suspended',
        suspendedAt: new Date(),
      })
    ).id;
    const [debian] = await t.database.db.select().from(images).where(eq(images.osType, 'Linux')).limit(1);
    imageId = debian!.id;
  });
  afterAll(async () => {
    await t?.close();
  });
}
