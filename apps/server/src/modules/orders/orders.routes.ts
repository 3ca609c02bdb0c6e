import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listOf } from '../../lib/pagination.ts';
import { currentUser } from '../auth/auth.guard.ts';
import { ZCreateOrders, ZOrder, ZOrderDetail, ZOrderQuery } from './orders.schemas.ts';
import type { OrdersService } from './orders.service.ts';

const ZId = z.object({ id: z.uuid() });

export const ordersRoutes: FastifyPluginAsyncZod<{ orders: OrdersService }> = async (app, { orders }) => {
  app.post(
    '/api/orders',
    {
      onRequest: app.requireVerifiedEmail,
      schema: {
        tags: ['orders'],
        summary: 'Create the orders for a cart (prices are computed on the server)',
        body: ZCreateOrders,
        response: { 201: z.object({ checkoutId: z.uuid(), items: z.array(ZOrder) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await orders.createOrders(currentUser(req).id, req.body)),
  );

  app.get(
    '/api/orders',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['orders'],
        summary: 'My orders, newest first',
        querystring: ZOrderQuery,
        response: { 200: listOf(ZOrder) },
      },
    },
    async (req) => orders.listOrders(currentUser(req).id, req.query),
  );

  app.get(
    '/api/orders/:id',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['orders'],
        summary: 'One of my orders with its history',
        params: ZId,
        response: { 200: ZOrderDetail },
      },
    },
    async (req) => orders.getOrder(currentUser(req).id, req.params.id),
  );

  app.post(
    '/api/orders/:id/cancel',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['orders'],
        summary: 'Cancel an unpaid order',
        params: ZId,
        response: { 200: ZOrderDetail },
      },
    },
    async (req) => orders.cancelOrder(currentUser(req).id, req.params.id),
  );
};
