import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditAdmin } from '../../http/admin-audit.ts';
import { listOf } from '../../lib/pagination.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { ZAdminImage, ZAdminProduct, ZImageUpdate, ZProductInput } from './catalog.admin.schemas.ts';
import type { CatalogAdminService } from './catalog.admin.service.ts';

const ZId = z.object({ id: z.uuid() });

export const catalogAdminRoutes: FastifyPluginAsyncZod<{
  catalogAdmin: CatalogAdminService;
  audit: AuditService;
}> = async (app, { catalogAdmin, audit }) => {
  const admin = { onRequest: app.requireStaff('catalog.manage') };

  app.get(
    '/api/admin/products',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Every plan with costs, prices and margins',
        response: { 200: listOf(ZAdminProduct) },
      },
    },
    async () => catalogAdmin.listProducts(),
  );

  app.get(
    '/api/admin/products/:id',
    { ...admin, schema: { tags: ['admin'], params: ZId, response: { 200: ZAdminProduct } } },
    async (req) => catalogAdmin.getProduct(req.params.id),
  );

  app.post(
    '/api/admin/products',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Create a plan',
        body: ZProductInput,
        response: { 201: ZAdminProduct },
      },
    },
    async (req, reply) => {
      const product = await catalogAdmin.createProduct(req.body, (tx, id) =>
        auditAdmin(audit, req, 'product.create', { type: 'product', id }, { name: req.body.name }, tx),
      );
      return reply.status(201).send(product);
    },
  );

  app.put(
    '/api/admin/products/:id',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Replace a plan, its prices and regions',
        params: ZId,
        body: ZProductInput,
        response: { 200: ZAdminProduct },
      },
    },
    async (req) => {
      return catalogAdmin.updateProduct(req.params.id, req.body, (tx, id) =>
        auditAdmin(audit, req, 'product.update', { type: 'product', id }, { name: req.body.name }, tx),
      );
    },
  );

  app.delete(
    '/api/admin/products/:id',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Delete a plan; a plan with orders is deactivated instead',
        params: ZId,
        response: { 200: z.object({ deleted: z.boolean(), deactivated: z.boolean() }) },
      },
    },
    async (req) => {
      return catalogAdmin.deleteProduct(req.params.id, (tx, { deleted }) =>
        auditAdmin(
          audit,
          req,
          deleted ? 'product.delete' : 'product.deactivate',
          { type: 'product', id: req.params.id },
          {},
          tx,
        ),
      );
    },
  );

  app.get(
    '/api/admin/images',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Every OS image, enabled or not',
        response: { 200: listOf(ZAdminImage) },
      },
    },
    async () => catalogAdmin.listImages(),
  );

  app.post(
    '/api/admin/images/sync',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: "Pull Contabo's standard images (new ones arrive disabled)",
        response: {
          200: z.object({ added: z.number(), updated: z.number(), disabled: z.number(), total: z.number() }),
        },
      },
    },
    async (req) => {
      // Contabo is only read here; the sync's effect is the image table, written with its audit row.
      return catalogAdmin.syncImages((tx, counts) =>
        auditAdmin(audit, req, 'images.sync', { type: 'image', id: null }, counts, tx),
      );
    },
  );

  app.put(
    '/api/admin/images/:id',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Enable/disable an image, rename it or set its monthly licence fee',
        params: ZId,
        body: ZImageUpdate,
        response: { 200: ZAdminImage },
      },
    },
    async (req) => {
      return catalogAdmin.updateImage(req.params.id, req.body, (tx, image) =>
        auditAdmin(audit, req, 'image.update', { type: 'image', id: image.id }, req.body, tx),
      );
    },
  );
};
