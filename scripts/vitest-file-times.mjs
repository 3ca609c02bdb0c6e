/**
 * Vitest reporter used by `scripts/test.mjs`: writes each test file's time (import + hooks + tests) to the file named
 * by `VITEST_FILE_TIMES`, so `node scripts/test-times.mjs` can list the slowest files of every stage. It prints nothing.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export default class FileTimesReporter {
  onTestRunEnd(testModules) {
    const out = process.env.VITEST_FILE_TIMES;
    if (!out) return;
    const files = testModules.map((module) => {
      const d = module.diagnostic();
      return {
        file: relative(process.cwd(), module.moduleId),
        project: module.project.name,
        ms: Math.round(d.collectDuration + d.setupDuration + d.duration),
        collectMs: Math.round(d.collectDuration),
        testsAndHooksMs: Math.round(d.duration),
        state: module.state(),
      };
    });
    writeFileSync(
      out,
      JSON.stringify(
        files.sort((a, b) => b.ms - a.ms),
        null,
        1,
      ),
    );
  }
}
