/**
 * Test factories for every table: each takes overrides and creates the parents it needs, so a test states only what
 * matters to it. All return the inserted row. One file per topic under `factories/`; this module gathers them so
 * tests import from one place.
 */
export * from './factories/accounts.ts';
export * from './factories/catalog.ts';
export * from './factories/vps.ts';
export * from './factories/service-ledger.ts';
export * from './factories/billing.ts';
export * from './factories/support.ts';
export * from './factories/platform.ts';
