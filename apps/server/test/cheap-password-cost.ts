/**
 * Preloaded (`node --import`) by the browser tests' server processes: their customers are hashed at the test cost,
 * like the server suite's (`test/setup.ts`). Never loaded by the platform itself.
 */
import { TEST_PASSWORD_COST, useTestPasswordCost } from '../src/modules/auth/password-hashing.ts';

useTestPasswordCost(TEST_PASSWORD_COST);
