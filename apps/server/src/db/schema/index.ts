export * from './auth.ts';
export * from './catalog.ts';
export * from './orders.ts';
export * from './vps.ts';
export * from './billing.ts';
export * from './support.ts';
export * from './system.ts';
export * from './notifications.ts';
