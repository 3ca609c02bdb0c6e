// Issue #16 item 3: in demo mode the admin assigns one of the simulator's unassigned instances to a paid order. Each
// of those instances must be something the catalog sells (a seeded plan, in a region offered for it, running an image
// the customer can choose), and every plan ordered in the default region must find a matching one, so a demo order
// is delivered without a plan or region mismatch.
import { describe, expect, it } from 'vitest';
import { images as imagesTable } from '../../src/db/schema/index.ts';
import { useTestApp } from '../app.ts';
import { admin, api } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

const t = useTestApp();

type Plan = {
  id: string;
  contaboProductId: string;
  ramMb: number;
  cpuCores: number;
  diskGb: number;
  regions: Array<{ code: string }>;
};
type Image = { id: string; name: string; osType: string };
type InventoryItem = { instanceId: number; productId: string; region: string; assignment: unknown };

describe(`the simulator's seeded instances match the seeded catalog (${TEST_ENGINE})`, () => {
  it('each unassigned instance is a seeded plan, in a region it is sold in, running a catalog image', async () => {
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const plans = (await t.app.inject('/api/products?pageSize=50')).json().items as Plan[];
    const images = (await t.app.inject('/api/images')).json().items as Image[];
    const res = await asAdmin({ method: 'GET', url: '/api/admin/contabo/instances?assigned=false' });
    expect(res.statusCode).toBe(200);
    const free = res.json().items as InventoryItem[];
    expect(free.length).toBeGreaterThan(0);

    const client = t.container.contabo.client;
    const catalogImages = await t.database.db.select().from(imagesTable);
    for (const item of free) {
      const plan = plans.find((p) => p.contaboProductId === item.productId);
      expect(plan, `instance ${item.instanceId}: plan ${item.productId}`).toBeDefined();
      expect(
        plan!.regions.map((r) => r.code),
        `instance ${item.instanceId}`,
      ).toContain(item.region);
      const instance = await client.instances.get(item.instanceId);
      // Same size as the plan it is sold as (what the customer reads on the pricing page).
      expect(instance.cpuCores, `instance ${item.instanceId} cores`).toBe(plan!.cpuCores);
      expect(instance.ramMb, `instance ${item.instanceId} RAM`).toBe(plan!.ramMb);
      expect(instance.diskMb, `instance ${item.instanceId} disk`).toBe(plan!.diskGb * 1024);
      const image = catalogImages.find((i) => i.contaboImageId === instance.imageId);
      expect(image, `instance ${item.instanceId}: image ${instance.imageId}`).toBeDefined();
      expect(
        images.map((i) => i.id),
        `instance ${item.instanceId}: image offered`,
      ).toContain(image!.id);
    }
  });

  it('every seeded plan ordered in the default region has a matching unassigned instance, and one runs Windows', async () => {
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const plans = (await t.app.inject('/api/products?pageSize=50')).json().items as Plan[];
    const free = (await asAdmin({ method: 'GET', url: '/api/admin/contabo/instances?assigned=false' })).json()
      .items as InventoryItem[];
    // The product page preselects the first region offered (the EU in the seed).
    for (const plan of plans) {
      const region = plan.regions[0]!.code;
      expect(
        free.some((i) => i.productId === plan.contaboProductId && i.region === region),
        `${plan.contaboProductId} in ${region}`,
      ).toBe(true);
    }
    const client = t.container.contabo.client;
    const systems = await Promise.all(
      free.map(async (i) => (await client.instances.get(i.instanceId)).osType),
    );
    expect(systems).toContain('Windows');
  });
});
