/**
 * Entry of the integration suite, loaded by the VS Code extension host (`extensionTestsPath`):
 * by @vscode/test-electron on a desktop (`npm run test:vscode`) and by code-server here
 * (`npm run test:e2e`). esbuild bundles this file and the suites it imports into
 * `out/integration/index.js`; `vscode` and `mocha` stay external (the host provides `vscode`,
 * mocha resolves from the repository's node_modules).
 *
 * The suites are plain functions called after mocha has installed its TDD globals, because a
 * bundle evaluates every import before this module's body runs.
 */
import Mocha from 'mocha';
import { writeFileSync } from 'node:fs';
import { defineLanguageSuite } from './language.suite';
import { defineNavigationSuite } from './navigation.suite';
import { defineViewsSuite } from './views.suite';
import { defineAnnotationsSuite } from './annotations.suite';

interface TestRecord {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
  /** Why a test was skipped (pending), when the suite said so. */
  reason?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'news-lens-integration', mocha);
  defineLanguageSuite();
  defineNavigationSuite();
  defineViewsSuite();
  defineAnnotationsSuite();

  return new Promise((resolve, reject) => {
    const records: TestRecord[] = [];
    const runner = mocha.run((failures) => {
      // The e2e driver reads this file: the console of a browser-hosted extension host is not always forwarded.
      const reportPath = process.env.NEWSLENS_INTEGRATION_REPORT;
      if (reportPath) {
        writeFileSync(reportPath, JSON.stringify({ failures, tests: records }, null, 2));
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => records.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on('fail', (test, error: Error) =>
      records.push({ title: test.fullTitle(), state: 'failed', error: error?.stack ?? String(error) }),
    );
    runner.on('pending', (test) => {
      const reason = (test as Mocha.Test & { skipReason?: string }).skipReason;
      records.push({ title: test.fullTitle(), state: 'pending', ...(reason ? { reason } : {}) });
    });
  });
}
