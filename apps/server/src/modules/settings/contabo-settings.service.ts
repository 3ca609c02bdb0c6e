import { ContaboAuthError, ContaboError } from '@cloud-vertice/contabo';
import type { DbOrTx } from '../../db/client.ts';
import type { EventBus } from '../../events/bus.ts';
import type { ContaboConnection, ContaboIntegration } from '../../integrations/contabo/contabo.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SettingKey, SettingValue } from '../../settings/settings.registry.ts';
import type { SettingsService } from '../../settings/settings.service.ts';

type Stored = SettingValue<'contabo.connection'>;
const SECRET_FIELDS = ['clientId', 'clientSecret', 'apiUser', 'apiPassword'] as const;
type SecretField = (typeof SECRET_FIELDS)[number];
const KEYS = [
  'contabo.connection',
  'contabo.contractPeriod',
  'contabo.syncIntervalMinutes',
  'contabo.rateLimitPerSecond',
  'billing.cancelAtContabo',
] as const satisfies readonly SettingKey[];

export interface ContaboSettingsInput {
  /** Omitted: keep; empty string: clear. */
  clientId?: string;
  clientSecret?: string;
  apiUser?: string;
  apiPassword?: string;
  authUrl?: string;
  apiUrl?: string;
  contractPeriod?: 1 | 12 | 24;
  syncIntervalMinutes?: number;
  rateLimitPerSecond?: number;
  cancelAtContabo?: boolean;
}

export type ContaboTestFailure =
  | 'bad_client'
  | 'bad_user_password'
  | 'unauthorized'
  | 'network'
  | 'timeout'
  | 'server_error'
  | 'rate_limited'
  | 'invalid_response'
  | 'incomplete';

const complete = (c: Stored) => SECRET_FIELDS.every((f) => c[f] !== '');
const masked = (value: string) => ({ set: value !== '', last4: value ? value.slice(-4) : null });

/** What a failed connection test reports: which part is wrong, in words the operator can act on. Never a secret. */
export function describeContaboFailure(error: unknown): { reason: ContaboTestFailure; message: string } {
  if (error instanceof ContaboAuthError) {
    if (error.authError === 'invalid_client' || error.authError === 'unauthorized_client') {
      return { reason: 'bad_client', message: 'Contabo rejected the client id or the client secret.' };
    }
    if (error.authError === 'invalid_grant') {
      return { reason: 'bad_user_password', message: 'Contabo rejected the API user or the API password.' };
    }
    return { reason: 'unauthorized', message: 'Contabo rejected the credentials.' };
  }
  if (error instanceof ContaboError) {
    const status = error.status ? ` (HTTP ${error.status})` : '';
    switch (error.code) {
      case 'timeout':
        return { reason: 'timeout', message: 'Contabo did not answer in time.' };
      case 'network':
        return { reason: 'network', message: 'Contabo could not be reached (address, DNS or firewall).' };
      case 'server_error':
        return { reason: 'server_error', message: `Contabo answered with a server error${status}.` };
      case 'rate_limited':
        return {
          reason: 'rate_limited',
          message: 'Contabo is rate limiting these credentials; try again later.',
        };
      case 'unauthorized':
      case 'forbidden':
        return { reason: 'unauthorized', message: `Contabo refused the API call${status}.` };
      default:
        return { reason: 'invalid_response', message: `Contabo answered unexpectedly${status}.` };
    }
  }
  return { reason: 'network', message: 'Contabo could not be reached.' };
}

/**
 * Ajustes → Contabo: the API connection (write-only secrets, encrypted by the settings service), and the settings that
 * shape how the platform talks to Contabo. Saving broadcasts `settings.changed`; every instance (this one included)
 * then re-reads the connection and switches between the simulator and the live API without a restart.
 */
export function createContaboSettingsService(deps: {
  settings: SettingsService;
  contabo: ContaboIntegration;
  events: EventBus;
  defaultRateLimit: number;
  logger: Logger;
}) {
  const { settings, contabo, events } = deps;

  /** Reads the saved connection and applies it to this process (also called at start and on every broadcast). */
  async function applySaved(): Promise<void> {
    const s = await settings.getMany(['contabo.connection', 'contabo.rateLimitPerSecond']);
    const c = s['contabo.connection'];
    const connection: ContaboConnection | null = complete(c) ? { ...c } : null;
    contabo.apply(connection, {
      requestsPerSecond: s['contabo.rateLimitPerSecond'] || deps.defaultRateLimit,
    });
  }

  async function read() {
    const s = await settings.getMany(KEYS);
    const c = s['contabo.connection'];
    const env = contabo.source === 'env';
    return {
      source: contabo.source,
      mode: contabo.mode,
      /** False when CONTABO_* environment variables are set: they win and cannot be edited here. */
      editable: !env,
      credentials: {
        clientId: masked(env ? '' : c.clientId),
        clientSecret: masked(env ? '' : c.clientSecret),
        apiUser: masked(env ? '' : c.apiUser),
        apiPassword: masked(env ? '' : c.apiPassword),
      },
      authUrl: c.authUrl,
      apiUrl: c.apiUrl,
      contractPeriod: s['contabo.contractPeriod'],
      syncIntervalMinutes: s['contabo.syncIntervalMinutes'],
      rateLimitPerSecond: s['contabo.rateLimitPerSecond'] || deps.defaultRateLimit,
      cancelAtContabo: s['billing.cancelAtContabo'],
    };
  }

  return {
    applySaved,
    read,

    /**
     * Returns the new view and what changed (names only, for the audit log). `audit` runs in the transaction that
     * saves the settings, when something changed: if it fails, nothing is saved (#15-7).
     */
    async update(
      input: ContaboSettingsInput,
      actorId: string,
      audit?: (tx: DbOrTx, changed: string[]) => Promise<void>,
    ) {
      const changed: string[] = [];
      const values: Array<readonly [SettingKey, unknown]> = [];
      const touchesConnection =
        SECRET_FIELDS.some((f) => input[f] !== undefined) ||
        input.authUrl !== undefined ||
        input.apiUrl !== undefined;
      if (touchesConnection) {
        if (contabo.source === 'env') {
          throw new AppError(
            'conflict',
            'The Contabo credentials come from environment variables (CONTABO_*), which win: change them there.',
          );
        }
        const current = await settings.get('contabo.connection');
        const next: Stored = { ...current };
        for (const f of [...SECRET_FIELDS, 'authUrl', 'apiUrl'] as const) {
          const value = input[f];
          if (value !== undefined && value !== current[f]) {
            next[f] = value;
            changed.push(f);
          }
        }
        const filled = SECRET_FIELDS.filter((f: SecretField) => next[f] !== '').length;
        if (filled > 0 && filled < SECRET_FIELDS.length) {
          throw new AppError('validation_error', 'Fill in all four Contabo credentials, or clear all four.', {
            missing: SECRET_FIELDS.filter((f) => next[f] === ''),
          });
        }
        values.push(['contabo.connection', next]);
      }
      const plain = [
        ['contractPeriod', 'contabo.contractPeriod'],
        ['syncIntervalMinutes', 'contabo.syncIntervalMinutes'],
        ['rateLimitPerSecond', 'contabo.rateLimitPerSecond'],
        ['cancelAtContabo', 'billing.cancelAtContabo'],
      ] as const;
      for (const [field, key] of plain) {
        if (input[field] === undefined) continue;
        values.push([key, input[field]]);
        changed.push(field);
      }
      await settings.setMany(
        values,
        actorId,
        audit && changed.length ? (tx) => audit(tx, changed) : undefined,
      );
      await applySaved();
      await events
        .publishSystem({ type: 'settings.changed', keys: ['contabo'] })
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'settings broadcast failed'));
      return { view: await read(), changed };
    },

    /**
     * Fetches a token and one page of instances with the given credentials over the saved ones, through a throwaway
     * client (no retries), and reports what failed.
     */
    async test(
      input: Partial<Pick<Stored, SecretField | 'authUrl' | 'apiUrl'>> & { timeoutSeconds?: number },
    ) {
      const saved = contabo.source === 'env' ? null : await settings.get('contabo.connection');
      if (!saved) {
        const client = contabo.client;
        return probe(() => client.instances.list({ size: 10 }));
      }
      const candidate: Stored = { ...saved };
      for (const f of [...SECRET_FIELDS, 'authUrl', 'apiUrl'] as const) {
        if (input[f]) candidate[f] = input[f];
      }
      if (!complete(candidate)) {
        return {
          ok: false as const,
          reason: 'incomplete' as const,
          message: 'Fill in the client id, client secret, API user and API password.',
        };
      }
      const client = contabo.probe({ ...candidate }, { timeoutMs: (input.timeoutSeconds ?? 10) * 1000 });
      return probe(() => client.instances.list({ size: 10 }));
    },
  };
}

type InstancePage = Awaited<ReturnType<ContaboIntegration['client']['instances']['list']>>;

async function probe(list: () => Promise<InstancePage>) {
  try {
    const page = await list();
    const instances = page.items.map((i) => ({
      instanceId: i.instanceId,
      name: i.name,
      displayName: i.displayName,
      status: String(i.status),
      region: i.region,
    }));
    return { ok: true as const, total: page.pagination.totalElements, instances };
  } catch (error) {
    return { ok: false as const, ...describeContaboFailure(error) };
  }
}

export type ContaboSettingsService = ReturnType<typeof createContaboSettingsService>;
