import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { metaOf } from '../../http/request-meta.ts';
import { currentUser } from '../auth/auth.guard.ts';
import type { FirewallService } from './firewall.service.ts';
import type { ProbeService } from './probe.service.ts';
import type { RdnsService } from './rdns.service.ts';
import type { ReinstallService } from './reinstall.service.ts';
import { STATS_RANGES, type StatsRange, type StatsService } from './stats.service.ts';
import {
  ZFirewallInput,
  ZFirewallView,
  ZRdnsList,
  ZRdnsParams,
  ZRdnsRecord,
  ZRdnsUpdate,
  ZReinstallRequest,
  ZReinstallResponse,
} from './server-page.schemas.ts';
import { ZProbeSetting, ZProbeUpdate, ZVpsStats } from './stats.schemas.ts';
import type { Caller } from './vps.service.ts';

const ZId = z.object({ id: z.uuid() });

function caller(req: FastifyRequest): Caller {
  const user = currentUser(req);
  const meta = metaOf(req);
  return { id: user.id, role: user.role, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId };
}

/** The server page's reinstall, reverse DNS, firewall, statistics and reachability probe (`/api/vps/:id/…`, owner only). */
export const serverPageRoutes: FastifyPluginAsyncZod<{
  reinstall: ReinstallService;
  rdns: RdnsService;
  firewall: FirewallService;
  stats: StatsService;
  probe: ProbeService;
}> = async (app, { reinstall, rdns, firewall, stats, probe }) => {
  const auth = { onRequest: app.requireUser };
  const tags = ['vps'];

  app.post(
    '/api/vps/:id/reinstall',
    {
      ...auth,
      schema: {
        tags,
        summary:
          'Reinstall the operating system (erases the disk); confirm with the server name and your password',
        params: ZId,
        body: ZReinstallRequest,
        response: { 202: ZReinstallResponse },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await reinstall.reinstall(caller(req), req.params.id, req.body)),
  );

  app.get(
    '/api/vps/:id/stats',
    {
      ...auth,
      schema: {
        tags,
        summary:
          'Availability, status timeline and actions over 24h, 7d or 30d (Contabo offers no usage metrics)',
        params: ZId,
        querystring: z.object({
          range: z.enum(Object.keys(STATS_RANGES) as [StatsRange, ...StatsRange[]]).default('24h'),
        }),
        response: { 200: ZVpsStats },
      },
    },
    async (req) => stats.stats(caller(req), req.params.id, req.query.range),
  );

  app.get(
    '/api/vps/:id/probe',
    {
      ...auth,
      schema: {
        tags,
        summary: 'The reachability probe setting',
        params: ZId,
        response: { 200: ZProbeSetting },
      },
    },
    async (req) => probe.get(caller(req), req.params.id),
  );

  app.put(
    '/api/vps/:id/probe',
    {
      ...auth,
      schema: {
        tags,
        summary: "Turn the reachability probe (a TCP connect to the server's SSH or RDP port) on or off",
        params: ZId,
        body: ZProbeUpdate,
        response: { 200: ZProbeSetting },
      },
    },
    async (req) => probe.setEnabled(caller(req), req.params.id, req.body.enabled),
  );

  app.get(
    '/api/vps/:id/rdns',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Reverse DNS of the server addresses',
        params: ZId,
        response: { 200: ZRdnsList },
      },
    },
    async (req) => rdns.list(caller(req), req.params.id),
  );

  app.put(
    '/api/vps/:id/rdns/:ip',
    {
      ...auth,
      schema: {
        tags,
        summary: "Set the reverse DNS name of one of the server's own addresses",
        params: ZRdnsParams,
        body: ZRdnsUpdate,
        response: { 200: ZRdnsRecord },
      },
    },
    async (req) => rdns.update(caller(req), req.params.id, req.params.ip, req.body.ptr),
  );

  app.get(
    '/api/vps/:id/firewall',
    { ...auth, schema: { tags, params: ZId, response: { 200: ZFirewallView } } },
    async (req) => firewall.get(caller(req), req.params.id),
  );

  app.post(
    '/api/vps/:id/firewall',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Create and attach the server firewall (a preset or rules)',
        params: ZId,
        body: ZFirewallInput,
        response: { 201: ZFirewallView },
      },
    },
    async (req, reply) => reply.status(201).send(await firewall.create(caller(req), req.params.id, req.body)),
  );

  app.put(
    '/api/vps/:id/firewall',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Change the firewall rules or turn it on/off',
        params: ZId,
        body: ZFirewallInput,
        response: { 200: ZFirewallView },
      },
    },
    async (req) => firewall.update(caller(req), req.params.id, req.body),
  );

  app.delete(
    '/api/vps/:id/firewall',
    {
      ...auth,
      schema: { tags, summary: 'Detach and delete the firewall', params: ZId, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await firewall.remove(caller(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
