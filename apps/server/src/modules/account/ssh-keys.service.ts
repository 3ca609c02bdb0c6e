import { z } from 'zod';
import { zName, zText } from '../../lib/input.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { createSelfAudit, type Caller } from './account.service.ts';
import { parseSshPublicKey, SshKeyError } from './ssh-key-parser.ts';
import type { SshKeyRow, SshKeysRepo } from './ssh-keys.repo.ts';

export const ZSshKey = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
  createdAt: z.string(),
});
export const ZSshKeyBody = z.object({
  name: zName().trim().min(1).max(100),
  publicKey: zText().min(1).max(16_384),
});
export type TSshKey = z.infer<typeof ZSshKey>;

/** The user's SSH public keys, offered when ordering or reinstalling a VPS. */
export function createSshKeysService({ repo, audit }: { repo: SshKeysRepo; audit: AuditService }) {
  const record = createSelfAudit(audit);
  return {
    async list(userId: string): Promise<{ items: TSshKey[]; total: number }> {
      const rows = await repo.list(userId);
      return { items: rows.map(present), total: rows.length };
    },

    async add(caller: Caller, body: { name: string; publicKey: string }): Promise<TSshKey> {
      let parsed;
      try {
        parsed = parseSshPublicKey(body.publicKey);
      } catch (error) {
        if (error instanceof SshKeyError) throw new AppError('invalid_ssh_key', error.message);
        throw error;
      }
      const row = await repo.insert({
        userId: caller.user.id,
        name: body.name,
        publicKey: parsed.publicKey,
        keyType: parsed.type,
        fingerprint: parsed.fingerprint,
      });
      if (!row) {
        throw new AppError('conflict', 'You already added this key.', { fingerprint: parsed.fingerprint });
      }
      const metadata = { fingerprint: parsed.fingerprint, type: parsed.type };
      await record(caller, 'account.ssh_key_added', metadata, { type: 'ssh_key', id: row.id });
      return present(row);
    },

    async remove(caller: Caller, id: string): Promise<void> {
      const row = await repo.find(caller.user.id, id);
      if (!row || !(await repo.delete(caller.user.id, id))) throw notFound('SSH key');
      await record(
        caller,
        'account.ssh_key_removed',
        { fingerprint: row.fingerprint },
        { type: 'ssh_key', id },
      );
    },
  };
}

export type SshKeysService = ReturnType<typeof createSshKeysService>;

function present(row: SshKeyRow): TSshKey {
  return {
    id: row.id,
    name: row.name,
    type: row.keyType,
    fingerprint: row.fingerprint,
    publicKey: row.publicKey,
    createdAt: row.createdAt.toISOString(),
  };
}
