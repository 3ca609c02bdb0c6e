// @cloud-vertice/contabo/simulator — a stateful Contabo look-alike for tests, the bench and demo mode.
export { startContaboSimulator, DEFAULT_SIM_CREDENTIALS, TOKEN_PATH } from './server.ts';
export type { ContaboSimulator, SimCredentials, SimulatorOptions } from './server.ts';
export type { SimulatorControl } from './control.ts';
export type { FaultKind, FaultSpec } from './faults.ts';
export type { RequestLogEntry, SimCounters, SimTiming, Status as SimInstanceStatus } from './state.ts';
export { IMAGE_IDS, PRODUCTS, STANDARD_IMAGES } from './catalog.ts';
