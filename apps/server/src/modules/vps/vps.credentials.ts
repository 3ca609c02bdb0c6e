import { isValidSecretPassword } from '@cloud-vertice/contabo';
import { generatePassword } from '../../lib/crypto.ts';
import { AppError } from '../../lib/errors.ts';
import { presentAction } from './vps.presenter.ts';
import type { TVpsAction } from './vps.schemas.ts';
import type { Caller, VpsBlocks, VpsServiceDeps } from './vps.blocks.ts';
import { STATUS_RULES, weakRootPassword } from './vps.rules.ts';

/** Getting into a server: rescue mode, a new root password, and the stored one behind a password step-up. */
export function createVpsCredentials(deps: VpsServiceDeps, blocks: VpsBlocks) {
  const { repo, cipher } = deps;
  const { own, assertActive, audit, runAction, stepUp } = blocks;

  return {
    async rescue(
      caller: Caller,
      id: string,
      input: { rootPassword?: string; sshKeyIds: string[] },
    ): Promise<TVpsAction> {
      const vps = await own(caller, id);
      assertActive(vps);
      if (!STATUS_RULES.rescue.from.includes(vps.status))
        throw new AppError('conflict', `The server is ${vps.status}; rescue mode is not possible now.`);
      if (input.rootPassword && !isValidSecretPassword(input.rootPassword)) throw weakRootPassword();
      const keys = await repo.sshKeysOfUser(caller.id, input.sshKeyIds);
      if (keys.length !== input.sshKeyIds.length) {
        throw new AppError('validation_error', 'Unknown SSH key', [
          { field: 'body.sshKeyIds', message: 'not one of your saved keys' },
        ]);
      }
      const client = deps.contabo();
      const action = await runAction(
        caller,
        vps,
        'rescue',
        STATUS_RULES.rescue.expected,
        { sshKeys: keys.length },
        (traceId) =>
          client.actions.rescueWithCredentials(
            vps.contaboInstanceId,
            { password: input.rootPassword, sshPublicKeys: keys.map((k) => k.publicKey) },
            { traceId },
          ),
      );
      return presentAction(action);
    },

    async resetPassword(
      caller: Caller,
      id: string,
      input: { rootPassword: string } | { generate: true },
    ): Promise<{ action: TVpsAction; generatedPassword: string | null }> {
      const vps = await own(caller, id);
      assertActive(vps);
      if (vps.osType && vps.osType.toLowerCase() === 'windows') {
        throw new AppError('bad_request', 'Password reset is only available for Linux servers.');
      }
      if (!STATUS_RULES['reset-password'].from.includes(vps.status)) {
        throw new AppError('conflict', `The server is ${vps.status}; the password cannot be reset now.`);
      }
      const password = 'generate' in input ? generatePassword() : input.rootPassword;
      if (!isValidSecretPassword(password)) throw weakRootPassword();
      const client = deps.contabo();
      const action = await runAction(caller, vps, 'reset-password', 'running', {}, (traceId) =>
        client.actions.resetPasswordWithCredentials(vps.contaboInstanceId, { password }, { traceId }),
      );
      await repo.update(vps.id, { rootPasswordEncrypted: cipher.encrypt(password) });
      return { action: presentAction(action), generatedPassword: 'generate' in input ? password : null };
    },

    /** Step-up: the customer re-enters their own password to see the stored root password. */
    async credentials(
      caller: Caller,
      id: string,
      password: string,
    ): Promise<{ defaultUser: string | null; rootPassword: string | null }> {
      const vps = await own(caller, id);
      assertActive(vps);
      await stepUp(caller, vps, password, 'credentials');
      await audit(caller, 'credentials.viewed', vps);
      return {
        defaultUser: vps.defaultUser,
        rootPassword: vps.rootPasswordEncrypted ? cipher.decrypt(vps.rootPasswordEncrypted) : null,
      };
    },
  };
}
