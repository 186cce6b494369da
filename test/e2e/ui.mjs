// The UI pass: uses the workbench the way a person does (keyboard, mouse, palette) on a copy of
// the seeds, asserts what is on screen, and saves screenshots as evidence. Every wait is bounded
// and waits for a DOM signal, never a fixed time.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runAnnotateSteps } from './ui-annotate.mjs';
import { runViewSteps } from './ui-views.mjs';
import { runArchiveSteps } from './ui-archive.mjs';

const SEED_SINGLE = '004_f9b9bb9c8095ce65.txt';
const SEED_PAGE = '000_71cd5522f0fb0de9.txt';
const SEED_QUOTES = '003_5d235549dcba7daa.txt';

function log(message) {
  console.log(`[e2e ui] ${message}`);
}

/** pngquant, when installed, makes the committed screenshots about three times smaller; without it they stay as taken. */
const pngquant = spawnSync('pngquant', ['--version'], { encoding: 'utf8' }).status === 0;

export async function shot(page, dir, name) {
  const path = join(dir, name);
  await page.screenshot({ path });
  if (pngquant) spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality=70-95', '--output', path, path]);
  log(`screenshot ${path}`);
}

export async function runCommand(page, label) {
  const input = page.locator('.quick-input-widget input.input');
  // The palette can be made inert or closed under us as the previous command finishes (a CI run saw it while
  // "Close All Editors" ended): open it again, at most three times, each miss logged.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${label}`, { timeout: 5_000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
      log(`the command palette closed before "${label}" was typed (attempt ${attempt}): opening it again`);
    }
  }
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 }).catch(async () => {
    const offered = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
    throw new Error(`the command palette offers no "${label}"; it shows: ${offered.join(' | ') || 'nothing'}`);
  });
  await row.click();
}

export async function openFile(page, fileName, expectedText) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(fileName);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName }).first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await row.click();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: expectedText }).first().waitFor({ timeout: 20_000 });
}

/** Screen rectangle of `needle` in the active editor's rendered lines (the first line holding it). */
export async function textRect(page, needle) {
  return page.evaluate((needle) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
    if (!editor) return null;
    for (const line of editor.querySelectorAll('.view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let text = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node, start: text.length });
        text += node.textContent.replace(/\u00a0/g, ' ');
      }
      const index = text.indexOf(needle);
      if (index < 0) continue;
      const locate = (offset) => {
        const hit = nodes.findLast((n) => n.start <= offset);
        return [hit.node, offset - hit.start];
      };
      const range = document.createRange();
      range.setStart(...locate(index));
      range.setEnd(...locate(index + needle.length - 1));
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const rect = rects[0] ?? range.getBoundingClientRect();
      return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
    }
    return null;
  }, needle);
}

/** Scrolls `container` with the mouse wheel until `target` is rendered (lists are virtual: off-screen rows do not exist). */
async function scrollUntilVisible(page, container, target, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let direction = 1;
  let steps = 0;
  while (Date.now() < deadline) {
    if (await target.isVisible().catch(() => false)) return;
    const box = await container.boundingBox().catch(() => null);
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 100));
      await page.mouse.wheel(0, 120 * direction);
      // Down to the end first, then back up.
      if (++steps === 25) direction = -1;
    }
    await page.waitForTimeout(150);
  }
  throw new Error('not rendered after scrolling');
}

/** The computed colour of the rendered span holding `needle`'s first character. */
async function colourOf(page, needle) {
  return page.evaluate((needle) => {
    for (const span of document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line span span')) {
      if (span.textContent.replace(/\u00a0/g, ' ').includes(needle)) return getComputedStyle(span).color;
    }
    return null;
  }, needle);
}

/** Waits until the language server's highlighting is on screen: the entity's colour differs from plain text. */
async function waitForHighlight(page, entity, plainText, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const [entityColour, plainColour] = [await colourOf(page, entity), await colourOf(page, plainText)];
    last = `"${entity}" ${entityColour}, "${plainText}" ${plainColour}`;
    if (entityColour && plainColour && entityColour !== plainColour) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`no highlighting within ${timeoutMs / 1000} s: ${last}`);
}

/**
 * Hovers `needle` until a hover card whose text matches `expected` shows. The first hovers can come
 * before the language server answers, so the mouse moves away and back between tries.
 */
async function hoverUntil(page, needle, expected, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    const rect = await textRect(page, needle);
    if (!rect) throw new Error(`"${needle}" is not on screen in the active editor`);
    await page.mouse.move(5, 5);
    await page.mouse.move(rect.x + Math.min(rect.width / 2, 20), rect.y + rect.height / 2, { steps: 3 });
    const card = page.locator('.monaco-hover-content').first();
    try {
      await card.waitFor({ state: 'visible', timeout: 4_000 });
      seen = await card.innerText();
      if (expected.test(seen)) return seen;
    } catch {
      // no card yet: try again
    }
  }
  throw new Error(`hovering "${needle}" gave no card matching ${expected} within ${timeoutMs / 1000} s; last card: ${seen || 'none'}`);
}

async function statusSelection(page) {
  return (
    await page
      .locator('[id="status.editor.selection"]')
      .innerText()
      .catch(() => '')
  ).trim();
}

async function waitForCursorLine(page, line, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let status = '';
  while (Date.now() < deadline) {
    status = await statusSelection(page);
    if (new RegExp(`Ln ${line},`).test(status)) return status;
    await page.waitForTimeout(100);
  }
  throw new Error(`the cursor did not reach line ${line} within ${timeoutMs / 1000} s (status bar: "${status}")`);
}

/** The colours of several entities at once (null when the text is not on screen). */
async function coloursOf(page, needles) {
  const result = {};
  for (const [label, needle] of Object.entries(needles)) result[label] = await colourOf(page, needle);
  return result;
}

/**
 * Runs the steps in order; a failed step is recorded (with a screenshot of the failure in
 * `failureDir`) and the pass goes on, so one missing feature does not hide the state of the others.
 */
export function stepRunner(page, failureDir) {
  const results = [];
  const step = async (name, work) => {
    const started = Date.now();
    try {
      await work();
      results.push({ name, ok: true, ms: Date.now() - started });
      log(`✔ ${name} (${Date.now() - started} ms)`);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ name, ok: false, ms: Date.now() - started, error: message });
      log(`✘ ${name}: ${message}`);
      const file = `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
      await page.screenshot({ path: join(failureDir, file) }).catch(() => {});
      log(`  failure screenshot ${join(failureDir, file)}`);
      await page.keyboard.press('Escape').catch(() => {});
      return false;
    }
  };
  return { step, results };
}

/**
 * `screenshotDir` (test/e2e/screenshots, committed) gets the README's pictures; `evidenceDir` (in the
 * run folder) the other steps' pictures; `failureDir` the state of the screen when a step failed.
 */
export async function runUiPass(context, server, workspace, screenshotDir, evidenceDir, failureDir) {
  for (const dir of [screenshotDir, evidenceDir, failureDir]) mkdirSync(dir, { recursive: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.part.activitybar').waitFor({ timeout: 30_000 });
  log('workbench loaded');
  const { step, results } = stepRunner(page, failureDir);

  await step('seed 004 highlighted by the language server', async () => {
    await openFile(page, SEED_SINGLE, 'al-Assad seeks');
    const colours = await waitForHighlight(page, 'Aleppo', 'escapes the control');
    log(`highlighting on screen: ${colours}`);
    const kinds = await coloursOf(page, { plain: 'escapes the control', person: 'Bashar al-Assad', place: 'Aleppo', organization: 'Hayat Tahrir', date: 'Sunday' });
    log(`colours by kind: ${JSON.stringify(kinds)}`);
    const uncoloured = Object.entries(kinds).filter(([kind, colour]) => kind !== 'plain' && (!colour || colour === kinds.plain));
    if (uncoloured.length) throw new Error(`shown in the plain text colour (or not on screen): ${uncoloured.map(([k]) => k).join(', ')}; ${JSON.stringify(kinds)}`);
    // A reader tells the kinds apart by colour alone.
    const entries = Object.entries(kinds).filter(([kind]) => kind !== 'plain');
    const clashes = entries.flatMap(([a, ca], i) =>
      entries
        .slice(i + 1)
        .filter(([, cb]) => cb === ca)
        .map(([b]) => `${a} = ${b}`),
    );
    if (clashes.length) throw new Error(`entity kinds share a colour: ${clashes.join(', ')}; ${JSON.stringify(kinds)}`);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.mouse.move(5, 5);
    await shot(page, screenshotDir, 'editor-highlighting.png');
  });

  await step('hover card on a person', async () => {
    const person = await hoverUntil(page, 'Bashar al-Assad', /Bashar al-Assad[\s\S]*person|person[\s\S]*Bashar al-Assad/i);
    log(`person card: ${person.replace(/\s+/g, ' ').slice(0, 160)}`);
    await shot(page, screenshotDir, 'hover-person.png');
  });
  await step('hover card on a relative date', async () => {
    const date = await hoverUntil(page, 'Sunday, after', /2024-12-01|December 1, 2024|1 December 2024/);
    log(`date card: ${date.replace(/\s+/g, ' ').slice(0, 160)}`);
    await shot(page, screenshotDir, 'hover-date.png');
  });
  await step('hover card on a place', async () => {
    // Line 4 holds the first "Aleppo" (a long line: the phrase around it may wrap, so the word alone).
    const place = await hoverUntil(page, 'Aleppo', /Aleppo[\s\S]*place|place[\s\S]*Aleppo/i);
    log(`place card: ${place.replace(/\s+/g, ' ').slice(0, 160)}`);
    await shot(page, screenshotDir, 'hover-place.png');
  });

  await step('hover card on a quotation names its speaker', async () => {
    await openFile(page, SEED_QUOTES, 'Zelenskiy Arrives');
    await waitForHighlight(page, 'Homs', 'closing in on');
    const quoteColours = await coloursOf(page, { plain: 'closing in on', quote: 'is a mess', speaker: 'Donald Trump' });
    log(`quotation colours: ${JSON.stringify(quoteColours)}`);
    if (!quoteColours.quote || quoteColours.quote === quoteColours.plain) throw new Error(`the quotation is shown as plain text: ${JSON.stringify(quoteColours)}`);
    // Inside the quotation but off the name "Syria", so the card is the quotation's own.
    const quote = await hoverUntil(page, 'a mess, but', /Quotation[\s\S]*Trump/i);
    log(`quotation card: ${quote.replace(/\s+/g, ' ').slice(0, 160)}`);
    await shot(page, screenshotDir, 'hover-quote.png');
    await page.mouse.move(5, 5);
  });

  await step('News Lens sidebar lists files, articles and entity groups', async () => {
    await page.mouse.move(5, 5);
    await page.locator('.part.activitybar [aria-label^="News Lens"]').first().click({ timeout: 10_000 });
    // Room for the Articles tree: fold the Entities and Quotations panes, as a reader would.
    await page.locator('.part.sidebar .pane-header', { hasText: 'Articles' }).first().waitFor({ timeout: 15_000 });
    for (const pane of ['Entities', 'Quotations']) {
      const header = page.locator('.part.sidebar .pane-header', { hasText: pane }).first();
      if ((await header.count()) && (await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    const sidebarRows = page.locator('.part.sidebar .monaco-list-row');
    const fileRow = page.locator('.part.sidebar .monaco-list-row', { hasText: '004_f9b9bb9c8095ce65' }).first();
    await scrollUntilVisible(page, page.locator('.part.sidebar .pane-body').first(), fileRow, 30_000).catch(async () => {
      throw new Error(`the News Lens sidebar shows no row for ${SEED_SINGLE}; rows: ${(await sidebarRows.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ')).join(' | ') || 'none'}`);
    });
    if ((await fileRow.getAttribute('aria-expanded')) !== 'true') await fileRow.locator('.monaco-tl-twistie').click();
    const articleRow = page.locator('.part.sidebar .monaco-list-row', { hasText: 'al-Assad seeks to strengthen his support' }).first();
    await scrollUntilVisible(page, page.locator('.part.sidebar .pane-body').first(), articleRow, 15_000);
    if ((await articleRow.getAttribute('aria-expanded')) === 'false') await articleRow.locator('.monaco-tl-twistie').click();
    const peopleRow = page.locator('.part.sidebar .monaco-list-row', { hasText: /People/ }).first();
    await peopleRow.waitFor({ timeout: 15_000 });
    if ((await peopleRow.getAttribute('aria-expanded')) === 'false') await peopleRow.locator('.monaco-tl-twistie').click();
    await scrollUntilVisible(page, page.locator('.part.sidebar .pane-body').first(), page.locator('.part.sidebar .monaco-list-row', { hasText: 'Bashar al-Assad' }).first(), 15_000);
    const rows = await sidebarRows.allInnerTexts();
    log(
      `sidebar rows: ${rows
        .map((r) => r.replace(/\s+/g, ' '))
        .slice(0, 25)
        .join(' | ')}`,
    );
    await page.mouse.move(700, 5);
    await shot(page, screenshotDir, 'sidebar-articles.png');
  });

  await step('Outline of a page with four articles and sections', async () => {
    await openFile(page, SEED_PAGE, 'Russia and Iran Pledge');
    await runCommand(page, 'Focus on Outline View');
    const outlineRow = page.locator('.outline-pane .monaco-list-row', { hasText: 'Country of Georgia' }).first();
    await outlineRow.waitFor({ timeout: 30_000 }).catch(async () => {
      throw new Error(`the Outline lacks the Georgia article; rows: ${(await page.locator('.outline-pane .monaco-list-row').allInnerTexts()).join(' | ') || 'none'}`);
    });
    const outline = await page.locator('.outline-pane .monaco-list-row').allInnerTexts();
    log(`outline rows: ${outline.map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
    await shot(page, screenshotDir, 'outline.png');
  });

  await step('Next Article from the top of 000 lands on the Georgia headline', async () => {
    await openFile(page, SEED_PAGE, 'Russia and Iran Pledge');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await waitForCursorLine(page, 1);
    await runCommand(page, 'News Lens: Next Article');
    const status = await waitForCursorLine(page, 37);
    log(`after Next Article: ${status}`);
    await shot(page, evidenceDir, 'next-article.png');
  });

  await step('Go to Article… lists the workspace articles and jumps to one in another file', async () => {
    await runCommand(page, 'News Lens: Go to Article');
    const pickRows = page.locator('.quick-input-widget .monaco-list-row');
    // The palette's own rows vanish first; the pick is there once it shows several articles.
    const deadline = Date.now() + 20_000;
    let listed = [];
    while (Date.now() < deadline) {
      listed = (await pickRows.allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
      if (listed.length >= 5 && !listed.some((r) => r.includes('News Lens: Go to Article'))) break;
      await page.waitForTimeout(100);
    }
    if (listed.length < 5) throw new Error(`Go to Article… shows ${listed.length} rows: ${listed.join(' | ')}`);
    log(`Go to Article… shows ${listed.length} rows: ${listed.slice(0, 8).join(' | ')}`);
    await shot(page, screenshotDir, 'go-to-article.png');
    await page.locator('.quick-input-widget input.input').fill('Cafes Can');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Life Under Syria' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'Cafes Can' }).first().waitFor({ timeout: 20_000 });
    const jumped = await waitForCursorLine(page, 75);
    log(`Go to Article… "Cafes Can’t Play Music…" opened 001 at ${jumped}`);
  });

  await runAnnotateSteps(page, step, { workspace, screenshotDir, shot, runCommand, openFile, textRect, hoverUntil });
  await runViewSteps({ page, step, shot, runCommand, screenshotDir, log });
  const archive = await runArchiveSteps({ page, context, server, step, shot, runCommand, openFile, screenshotDir, failureDir, workspace, log });

  // VS Code's own measure of the activation (Developer: Show Running Extensions), for the benchmark.
  const metrics = {};
  await step('Running Extensions shows the activation time of News Lens', async () => {
    await runCommand(page, 'Developer: Show Running Extensions');
    const row = page.locator('.monaco-list-row', { hasText: 'News Lens' }).filter({ hasText: /ms/ }).first();
    await row.waitFor({ timeout: 20_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    log(`running extensions: ${text.slice(0, 200)}`);
    const match = /(\d+)\s*ms/.exec(text);
    if (!match) throw new Error(`no activation time in "${text}"`);
    metrics.activationMs = Number(match[1]);
    // Every figure of this run (this window, then the clippings window's start and reload), for the closing note.
    metrics.activationsMs = [metrics.activationMs, ...archive.activationsMs];
    log(`activation of News Lens in this run (ms): ${metrics.activationsMs.join(', ')}`);
    metrics.activationText = text.slice(0, 200);
    await shot(page, evidenceDir, 'running-extensions.png');
  });

  await page.close();
  const failed = results.filter((r) => !r.ok);
  log(`${results.length - failed.length} of ${results.length} UI steps passed`);
  if (failed.length) {
    const error = new Error(`UI steps failed:\n${failed.map((r) => `  ✘ ${r.name}: ${r.error}`).join('\n')}`);
    error.metrics = metrics;
    throw error;
  }
  return { results, metrics };
}
