import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { metaOf } from '../../http/request-meta.ts';
import { listOf } from '../../lib/pagination.ts';
import { currentUser } from '../auth/auth.guard.ts';
import {
  ZAdminOrder,
  ZAdminOrderDetail,
  ZAdminOrderQuery,
  ZAdminVps,
  ZAdminVpsQuery,
  ZAdminVpsUpdate,
  ZAssignVps,
  ZInventoryItem,
  ZInventoryQuery,
  ZProvisionRequest,
  ZProvisionResult,
  ZStatusChange,
} from './fulfilment.schemas.ts';
import type { Admin, FulfilmentService } from './fulfilment.service.ts';

const ZId = z.object({ id: z.uuid() });

function admin(req: FastifyRequest): Admin {
  const user = currentUser(req);
  const meta = metaOf(req);
  return { id: user.id, role: user.role, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId };
}

/** The operator's fulfilment queue, provisioning, Contabo inventory and all-VPS management (`/api/admin/*`). */
export const fulfilmentRoutes: FastifyPluginAsyncZod<{ fulfilment: FulfilmentService }> = async (
  app,
  { fulfilment },
) => {
  const ordersRead = { onRequest: app.requireStaff('orders.read') };
  const ordersManage = { onRequest: app.requireStaff('orders.manage') };
  const vpsRead = { onRequest: app.requireStaff('vps.read') };
  const vpsManage = { onRequest: app.requireStaff('vps.manage') };
  const tags = ['admin'];

  app.get(
    '/api/admin/orders',
    {
      ...ordersRead,
      schema: {
        tags,
        summary: 'Orders, paid ones waiting first',
        querystring: ZAdminOrderQuery,
        response: { 200: listOf(ZAdminOrder) },
      },
    },
    async (req) => fulfilment.listOrders(req.query),
  );

  app.get(
    '/api/admin/orders/:id',
    { ...ordersRead, schema: { tags, params: ZId, response: { 200: ZAdminOrderDetail } } },
    async (req) => fulfilment.orderDetail(req.params.id),
  );

  app.put(
    '/api/admin/orders/:id/status',
    {
      ...ordersManage,
      schema: {
        tags,
        summary: 'Move an order along its state machine (409 otherwise)',
        params: ZId,
        body: ZStatusChange,
        response: { 200: ZAdminOrderDetail },
      },
    },
    async (req) => fulfilment.setStatus(admin(req), req.params.id, req.body.status, req.body.note),
  );

  app.post(
    '/api/admin/orders/:id/provision',
    {
      ...ordersManage,
      schema: {
        tags,
        summary:
          'Fulfil an order: assign an existing Contabo instance, or create it through the API (once per order)',
        params: ZId,
        body: ZProvisionRequest,
        response: { 200: ZProvisionResult },
      },
    },
    async (req) =>
      'contaboInstanceId' in req.body
        ? fulfilment.assign(admin(req), req.params.id, req.body)
        : fulfilment.provisionThroughApi(admin(req), req.params.id),
  );

  app.get(
    '/api/admin/contabo/instances',
    {
      ...vpsRead,
      schema: {
        tags,
        summary: 'Every instance in the Contabo account and whom it is assigned to',
        querystring: ZInventoryQuery,
        response: { 200: listOf(ZInventoryItem) },
      },
    },
    async (req) =>
      fulfilment.inventory(req.query.assigned === undefined ? undefined : req.query.assigned === 'true'),
  );

  app.get(
    '/api/admin/vps',
    {
      ...vpsRead,
      schema: {
        tags,
        summary: 'All VPS with status, owner and expiry',
        querystring: ZAdminVpsQuery,
        response: { 200: listOf(ZAdminVps) },
      },
    },
    async (req) => fulfilment.listVps(req.query),
  );

  app.put(
    '/api/admin/vps/:id',
    {
      ...vpsManage,
      schema: {
        tags,
        summary: 'Edit a VPS: name, expiry, owner, suspension, VNC data',
        params: ZId,
        body: ZAdminVpsUpdate,
        response: { 200: ZAdminVps },
      },
    },
    async (req) => fulfilment.updateVps(admin(req), req.params.id, req.body),
  );

  app.post(
    '/api/admin/vps/assign',
    {
      ...vpsManage,
      schema: {
        tags,
        summary: 'Link a Contabo instance to a customer outside an order',
        body: ZAssignVps,
        response: { 201: ZAdminVps },
      },
    },
    async (req, reply) => reply.status(201).send(await fulfilment.assignVps(admin(req), req.body)),
  );
};
