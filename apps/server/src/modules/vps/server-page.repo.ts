import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { images, vpsFirewalls } from '../../db/schema/index.ts';

export type VpsFirewallRow = typeof vpsFirewalls.$inferSelect;

/** Queries of the server page's reinstall and firewall features. */
export function createServerPageRepo(db: Db) {
  return {
    async activeImage(id: string) {
      const [row] = await db
        .select()
        .from(images)
        .where(and(eq(images.id, id), eq(images.isActive, true)));
      return row;
    },

    async firewallOf(vpsId: string): Promise<VpsFirewallRow | undefined> {
      const [row] = await db.select().from(vpsFirewalls).where(eq(vpsFirewalls.vpsInstanceId, vpsId));
      return row;
    },

    /** `null` when the VPS already has one (unique per VPS). */
    async insertFirewall(row: typeof vpsFirewalls.$inferInsert): Promise<VpsFirewallRow | null> {
      const [inserted] = await db.insert(vpsFirewalls).values(row).onConflictDoNothing().returning();
      return inserted ?? null;
    },

    async updateFirewall(id: string, patch: Partial<typeof vpsFirewalls.$inferInsert>) {
      const [row] = await db.update(vpsFirewalls).set(patch).where(eq(vpsFirewalls.id, id)).returning();
      return row;
    },

    async deleteFirewall(id: string): Promise<void> {
      await db.delete(vpsFirewalls).where(eq(vpsFirewalls.id, id));
    },
  };
}

export type ServerPageRepo = ReturnType<typeof createServerPageRepo>;
