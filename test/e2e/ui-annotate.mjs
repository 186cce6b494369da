// UI steps for annotating a corpus (README "Annotating a corpus"), called from ui.mjs: keyboard
// labelling with a schema key, confirm-and-next over unlabelled candidates, a note as a comment thread
// (added, replied to, resolved) and review progress in the status bar and the Articles view. Each step
// checks the screen and the annotations file the extension wrote, and saves a screenshot.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SEED = '004_f9b9bb9c8095ce65.txt';

function log(message) {
  console.log(`[e2e ui-annotate] ${message}`);
}

/** Polls the annotations file until `check` finds what it wants (bounded). */
async function fileUntil(page, workspace, check, what, timeoutMs = 20_000) {
  const file = join(workspace, '.newslens', 'annotations.json');
  const deadline = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < deadline) {
    try {
      last = JSON.parse(readFileSync(file, 'utf8'));
      const found = check(last.corrections ?? []);
      if (found) return found;
    } catch {
      // not written yet
    }
    await page.waitForTimeout(150);
  }
  throw new Error(`${what} never appeared in .newslens/annotations.json; it holds ${JSON.stringify(last?.corrections?.map((c) => [c.type, c.label ?? c.text ?? c.status, c.anchor?.exact]) ?? null)}`);
}

async function doubleClickWord(page, textRect, word) {
  const rect = await textRect(page, word);
  if (!rect) throw new Error(`"${word}" is not on screen`);
  await page.mouse.dblclick(rect.x + rect.width / 2, rect.y + rect.height / 2);
}

async function statusBarText(page, pattern, timeoutMs = 15_000) {
  const item = page.locator('.part.statusbar .statusbar-item', { hasText: pattern }).first();
  await item.waitFor({ timeout: timeoutMs });
  return (await item.innerText()).replace(/\s+/g, ' ');
}

export async function runAnnotateSteps(page, step, { workspace, screenshotDir, shot, runCommand, openFile, textRect, hoverUntil }) {
  mkdirSync(join(workspace, '.newslens'), { recursive: true });
  writeFileSync(
    join(workspace, '.newslens', 'schema.json'),
    JSON.stringify(
      {
        version: 1,
        spanLabels: [
          { name: 'Event', color: '#e15759', key: 'e', attributes: [{ name: 'Negated' }] },
          { name: 'Armed group', color: '#b07aa1', key: 'g' },
        ],
      },
      null,
      2,
    ),
  );

  await step('keyboard labelling: select a word, press the Event key; highlighted and in the hover', async () => {
    await openFile(page, SEED, 'al-Assad seeks');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await runCommand(page, 'News Lens: Reload Label Schema');
    await runCommand(page, 'News Lens: Toggle Labelling Mode');
    await statusBarText(page, /Labelling/);
    await doubleClickWord(page, textRect, 'offensive');
    await page.keyboard.press('e');
    const span = await fileUntil(page, workspace, (list) => list.find((c) => c.type === 'span' && c.label === 'Event'), 'an Event span');
    if (span.anchor.exact !== 'offensive') throw new Error(`the Event span covers "${span.anchor.exact}"`);
    // The text was labelled, not replaced by the key.
    await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'rebel offensive had seen' }).first().waitFor({ timeout: 5_000 });
    const card = await hoverUntil(page, 'offensive', /Event/);
    log(`hover on the labelled word: ${card.replace(/\s+/g, ' ').slice(0, 160)}`);
    await shot(page, screenshotDir, 'annotate-keyboard-label.png');
    await page.mouse.move(5, 5);
  });

  await step('confirm-and-next: Tab to an unlabelled mention, Enter confirms it and moves on', async () => {
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Tab');
    const unlabelled = async () => Number(/· (\d+) unlabelled/.exec(await page.locator('.part.statusbar').first().innerText())?.[1] ?? NaN);
    await page
      .locator('.part.statusbar', { hasText: /· \d+ unlabelled/ })
      .first()
      .waitFor({ timeout: 10_000 });
    const before = await unlabelled();
    log(`after Tab: ${before} unlabelled mentions, the first selected`);
    await page.keyboard.press('Enter');
    const confirmed = await fileUntil(page, workspace, (list) => list.find((c) => c.type === 'span' && ['person', 'place', 'organization'].includes(c.label)), 'a confirmed mention');
    log(`confirmed ${confirmed.label} "${confirmed.anchor.exact}" as ${confirmed.annotator}`);
    // Confirm moved on to the next candidate (one fewer left); Enter again confirms that one.
    await page
      .locator('.part.statusbar', { hasText: `· ${before - 1} unlabelled` })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const second = await fileUntil(page, workspace, (list) => list.filter((c) => c.type === 'span' && ['person', 'place', 'organization'].includes(c.label))[1], 'a second confirmed mention');
    log(`confirmed ${second.label} "${second.anchor.exact}"; the next candidate is selected`);
    await page
      .locator('.part.statusbar', { hasText: `· ${before - 2} unlabelled` })
      .first()
      .waitFor({ timeout: 15_000 });
    // Enter confirmed; it did not break the line (the editor shows spaces as no-break spaces).
    const text = (await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    if (!text.includes('Syria, al-Assad seeks to strengthen')) throw new Error(`the article text changed while confirming: ${text.slice(0, 200)}`);
    await shot(page, screenshotDir, 'annotate-confirm-next.png');
  });
  // Out of labelling mode again, whatever happened above (Leave, not Toggle: the palette's opening Escape
  // already leaves the mode when nothing is selected).
  await runCommand(page, 'News Lens: Leave Labelling Mode');

  await step('a note as a comment thread: added on a selection, replied to, resolved', async () => {
    // Line 23 ("…including Khan Cheikhoun and Maaret al-Numan…"): Go to Line brings it on screen.
    await page.keyboard.press('Control+g');
    await page.locator('.quick-input-widget input.input').fill(':23');
    await page.keyboard.press('Enter');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'Khan Cheikhoun' }).first().waitFor({ timeout: 10_000 });
    await doubleClickWord(page, textRect, 'Cheikhoun');
    await runCommand(page, 'Comments: Add Comment on Current Selection');
    const draft = page.locator('.review-widget').last();
    await draft.waitFor({ timeout: 15_000 });
    await draft.locator('.comment-form .monaco-editor, .comment-form textarea').first().click({ timeout: 10_000 });
    await page.keyboard.type('Check the spelling against AFP');
    await draft.locator('.monaco-button', { hasText: 'Add Note' }).first().click({ timeout: 10_000 });
    const note = await fileUntil(page, workspace, (list) => list.find((c) => c.type === 'note' && c.text === 'Check the spelling against AFP'), 'the note');
    // The thread opens from the Comments panel (a click reveals and expands it), as a reader would.
    const openThread = async () => {
      const row = page.locator('.monaco-list-row', { hasText: 'Check the spelling against AFP' }).last();
      if (!(await row.count())) await runCommand(page, 'Comments: Focus on Comments View');
      await row.click({ timeout: 10_000 });
      const widget = page.locator('.review-widget', { hasText: 'Check the spelling against AFP' }).first();
      await widget.waitFor({ state: 'visible', timeout: 15_000 });
      return widget;
    };
    let thread = await openThread();
    // VS Code gives a new thread whole lines: the note is anchored on line 23.
    if (!note.anchor.exact.includes('Cheikhoun')) throw new Error(`the note is on "${note.anchor.exact.slice(0, 80)}", not on line 23`);
    log(`note thread shown for "${note.anchor.exact.slice(0, 60)}…"`);
    // The reply box starts folded ("Add a note…"): a click opens it.
    const fold = thread.locator('.review-thread-reply-button');
    if (await fold.count()) await fold.first().click({ timeout: 10_000 });
    else await thread.locator('.comment-form .monaco-editor').first().click({ timeout: 10_000 });
    await page.keyboard.type('AFP writes Khan Cheikhoun');
    await thread.locator('.monaco-button', { hasText: 'Add Note' }).first().click({ timeout: 10_000 });
    await fileUntil(page, workspace, (list) => list.find((c) => c.type === 'note' && c.replyTo === note.id), 'the reply');
    thread = await openThread();
    await thread.filter({ hasText: 'AFP writes Khan Cheikhoun' }).waitFor({ state: 'visible', timeout: 15_000 });
    log('reply shown in the thread');
    await shot(page, screenshotDir, 'annotate-note-thread.png');
    await thread.locator('[aria-label="Resolve Note"]').first().click({ timeout: 10_000 });
    await fileUntil(page, workspace, (list) => list.find((c) => c.type === 'note' && c.id === note.id && c.resolved === true), 'the resolved flag');
    log('thread resolved');
    await page.keyboard.press('Escape');
  });

  await step('review progress: set Done from the status bar; the Articles view and status bar count it', async () => {
    // Line 2, the headline: the article under the cursor.
    await page.keyboard.press('Escape');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+g');
    await page.locator('.quick-input-widget input.input').fill(':2');
    await page.keyboard.press('Enter');
    const before = await statusBarText(page, /\d+\/\d+ done/);
    log(`review item before: ${before}`);
    await page
      .locator('.part.statusbar .statusbar-item', { hasText: /\d+\/\d+ done/ })
      .first()
      .click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Done' }).first().click({ timeout: 10_000 });
    await fileUntil(page, workspace, (list) => list.find((c) => c.type === 'review' && c.status === 'done'), 'the review status');
    const after = await statusBarText(page, /Done · 1\/1 done/);
    log(`review item after: ${after}`);
    await page.locator('.part.activitybar [aria-label^="News Lens"]').first().click({ timeout: 10_000 });
    const description = page.locator('.part.sidebar .pane-header', { hasText: 'Articles' }).first();
    await description.filter({ hasText: /1 \/ \d+ articles done/ }).waitFor({ timeout: 20_000 });
    log(`Articles view: ${(await description.innerText()).replace(/\s+/g, ' ')}`);
    await page
      .locator('.part.sidebar .monaco-list-row', { hasText: /004_f9b9bb9c8095ce65.*1\/1 done/ })
      .first()
      .waitFor({ timeout: 20_000 });
    await page.mouse.move(700, 5);
    await shot(page, screenshotDir, 'annotate-review-progress.png');
  });
}
