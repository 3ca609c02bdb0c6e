import { isValidSecretPassword, type ContaboClient } from '@cloud-vertice/contabo';
import { generatePassword, type Cipher } from '../../lib/crypto.ts';
import { AppError } from '../../lib/errors.ts';
import type { ServerPageRepo } from './server-page.repo.ts';
import type { TReinstallRequest } from './server-page.schemas.ts';
import { presentAction } from './vps.presenter.ts';
import type { VpsRepo } from './vps.repo.ts';
import type { Caller, VpsService } from './vps.service.ts';
import type { TVpsAction } from './vps.schemas.ts';

/** Statuses a reinstall may start from (not while provisioning, installing or resetting). */
const REINSTALL_FROM = ['running', 'stopped', 'rescue', 'error'];

export interface ReinstallServiceDeps {
  vps: VpsService;
  vpsRepo: VpsRepo;
  repo: ServerPageRepo;
  contabo: () => ContaboClient;
  cipher: Cipher;
}

/**
 * Re-images a customer's server: the customer types the server's name and re-enters their own password, the root
 * password and SSH keys travel as one-off Contabo secrets (deleted after the call), the VPS shows `installing` until
 * the tracker sees it running again, and the stored root password is replaced.
 */
export function createReinstallService(deps: ReinstallServiceDeps) {
  return {
    async reinstall(
      caller: Caller,
      id: string,
      input: TReinstallRequest,
    ): Promise<{ action: TVpsAction; generatedPassword: string | null }> {
      const vps = await deps.vps.own(caller, id);
      deps.vps.assertActive(vps);
      const expectedName = vps.displayName || vps.name || '';
      if (input.confirm.trim() !== expectedName) {
        throw new AppError('validation_error', 'Type the server name to confirm the reinstall', [
          { field: 'body.confirm', message: 'does not match the server name' },
        ]);
      }
      await deps.vps.stepUp(caller, vps, input.password, 'reinstall');
      if (!REINSTALL_FROM.includes(vps.status)) {
        throw new AppError('conflict', `The server is ${vps.status}; it cannot be reinstalled now.`);
      }
      const image = await deps.repo.activeImage(input.imageId);
      if (!image) {
        throw new AppError('validation_error', 'Unknown operating system image', [
          { field: 'body.imageId', message: 'not an available image' },
        ]);
      }
      const password = input.generate ? generatePassword() : input.rootPassword!;
      if (!isValidSecretPassword(password)) {
        throw new AppError('validation_error', 'The root password does not meet the provider rules', [
          {
            field: 'body.rootPassword',
            message:
              'at least 8 characters with upper and lower case, and 1 digit + 2 of !@#$^&*?_~ or 3 digits + 1 of them',
          },
        ]);
      }
      const keys = await deps.vpsRepo.sshKeysOfUser(caller.id, input.sshKeyIds);
      if (keys.length !== new Set(input.sshKeyIds).size) {
        throw new AppError('validation_error', 'Unknown SSH key', [
          { field: 'body.sshKeyIds', message: 'not one of your saved keys' },
        ]);
      }
      const windows = image.osType.toLowerCase() === 'windows';
      const defaultUser = windows ? 'administrator' : 'root';
      const client = deps.contabo();
      const action = await deps.vps.runAction(
        caller,
        vps,
        'reinstall',
        'running',
        { imageId: image.id, image: image.name, sshKeys: keys.length, userData: Boolean(input.userData) },
        (traceId) =>
          client.withOneOffSecrets(
            { password, sshPublicKeys: windows ? [] : keys.map((k) => k.publicKey) },
            (ids) =>
              client.instances.reinstall(
                vps.contaboInstanceId,
                {
                  imageId: image.contaboImageId,
                  defaultUser,
                  ...(ids.rootPassword !== undefined ? { rootPassword: ids.rootPassword } : {}),
                  ...(ids.sshKeys?.length ? { sshKeys: ids.sshKeys } : {}),
                  ...(input.userData ? { userData: input.userData } : {}),
                },
                { traceId },
              ),
            { traceId },
          ),
      );
      await deps.vpsRepo.update(vps.id, {
        rootPasswordEncrypted: deps.cipher.encrypt(password),
        imageId: image.id,
        contaboImageId: image.contaboImageId,
        osType: image.osType,
        defaultUser,
        sshKeyIds: keys.map((k) => k.id),
      });
      await deps.vps.showStatus(vps, 'installing');
      return { action: presentAction(action), generatedPassword: input.generate ? password : null };
    },
  };
}

export type ReinstallService = ReturnType<typeof createReinstallService>;
