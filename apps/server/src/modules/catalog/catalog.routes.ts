import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listOf } from '../../lib/pagination.ts';
import {
  ZCompareQuery,
  ZImage,
  ZProduct,
  ZProductDetail,
  ZProductQuery,
  ZRegion,
} from './catalog.schemas.ts';
import type { CatalogService } from './catalog.service.ts';

export const catalogRoutes: FastifyPluginAsyncZod<{ catalog: CatalogService }> = async (app, { catalog }) => {
  app.get(
    '/api/products',
    {
      schema: {
        tags: ['catalog'],
        summary: 'List active plans with filters, sort and pagination',
        querystring: ZProductQuery,
        response: { 200: listOf(ZProduct) },
      },
    },
    // Pre-serialised (validated against the schema above when cached): sent as is, not serialised per request.
    async (req, reply) => {
      const body = await catalog.listProductsBody(req.query);
      // Bytes are sent verbatim by Fastify, with the type set here (the typed reply expects the object).
      return reply
        .type('application/json; charset=utf-8')
        .send(body as unknown as Parameters<typeof reply.send>[0]);
    },
  );

  // A static path: find-my-way matches it before `/api/products/:id`, whatever the registration order.
  app.get(
    '/api/products/compare',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Plans side by side, in the order asked (unknown or inactive ids are a 404)',
        querystring: ZCompareQuery,
        response: { 200: listOf(ZProduct) },
      },
    },
    async (req) => catalog.compareProducts(req.query.ids),
  );

  app.get(
    '/api/products/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One plan with its prices per period, regions and available images',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZProductDetail },
      },
    },
    async (req) => catalog.getProduct(req.params.id),
  );

  app.get(
    '/api/regions',
    { schema: { tags: ['catalog'], summary: 'Regions we sell in', response: { 200: listOf(ZRegion) } } },
    async () => catalog.listRegions(),
  );

  app.get(
    '/api/images',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Operating system images enabled for orders',
        response: { 200: listOf(ZImage) },
      },
    },
    async () => catalog.listImages(),
  );
};
