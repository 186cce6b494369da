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
import * as vscode from 'vscode';
import { defineLanguageSuite } from './language.suite';
import { defineNavigationSuite } from './navigation.suite';
import { defineViewsSuite } from './views.suite';
import { defineAnnotationsSuite } from './annotations.suite';
import { defineRecoverySuite } from './recovery.suite';
import { metrics } from './helpers';

interface TestRecord {
  title: string;
  /** `notRun`: a `suiteSetup`/`setup` hook of its suite failed, so the test never ran (counts as a failure). */
  state: 'passed' | 'failed' | 'pending' | 'notRun';
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
  defineRecoverySuite();

  return new Promise((resolve, reject) => {
    const records: TestRecord[] = [];
    /** Suites whose setup hook failed, with the hook's error: their tests are listed as not run. */
    const brokenSuites = new Map<Mocha.Suite, string>();
    const notRun = (suite: Mocha.Suite, reason: string): void => {
      for (const test of suite.tests) {
        if (!records.some((r) => r.title === test.fullTitle())) records.push({ title: test.fullTitle(), state: 'notRun', error: reason });
      }
      for (const child of suite.suites) notRun(child, reason);
    };
    const runner = mocha.run((failures) => {
      for (const [suite, reason] of brokenSuites) notRun(suite, reason);
      // The e2e driver reads this file: the console of a browser-hosted extension host is not always forwarded.
      const reportPath = process.env.NEWSLENS_INTEGRATION_REPORT;
      if (reportPath) {
        writeFileSync(reportPath, JSON.stringify({ failures, tests: records, metrics, vscodeVersion: vscode.version, finishedAt: new Date().toISOString() }, null, 2));
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => records.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    // Mocha's typings say 'fail' carries a Test; at run time a failed hook is reported the same way.
    runner.on('fail', (runnable: Mocha.Runnable, error: Error) => {
      const message = error?.stack ?? String(error);
      if ((runnable as { type?: string }).type === 'hook' && runnable.parent) {
        brokenSuites.set(runnable.parent, `not run: ${runnable.title} failed: ${error?.message ?? String(error)}`);
      }
      records.push({ title: runnable.fullTitle(), state: 'failed', error: message });
    });
    runner.on('pending', (test) => {
      const reason = (test as Mocha.Test & { skipReason?: string }).skipReason;
      records.push({ title: test.fullTitle(), state: 'pending', ...(reason ? { reason } : {}) });
    });
  });
}
