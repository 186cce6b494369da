// UI steps for the Timeline and Network webviews (issue 15): open each on the seeds, check what is
// drawn, use it (open an article from a point, reveal a node in the Entities view) and save the
// README's screenshots timeline.png and network.png.

/** The content frame of the active webview (code-server nests it in two iframes). */
function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/** Hides the primary side bar when it shows, so a webview gets the window's width for its picture. */
async function hideSideBar(page, runCommand) {
  if (await page.locator('.part.sidebar').isVisible()) await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  // Earlier steps (notes) leave the Comments panel open: the webviews get the whole window.
  if (await page.locator('.part.panel').isVisible()) await runCommand(page, 'View: Toggle Panel Visibility');
}

export async function runViewSteps({ page, step, shot, runCommand, screenshotDir, log }) {
  await step('Timeline webview: the seeds on a time axis; a point opens its article', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await hideSideBar(page, runCommand);
    await runCommand(page, 'News Lens: Show Timeline');
    const frame = webviewFrame(page);
    await frame.locator('svg .point').nth(4).waitFor({ timeout: 30_000 });
    const points = await frame.locator('svg .point').count();
    const lanes = await frame.locator('svg .lane-label').evaluateAll((nodes) => nodes.map((n) => n.textContent));
    log(`timeline: ${points} points in ${lanes.length} lanes (${lanes.join(', ')})`);
    if (lanes.length < 3) throw new Error(`the timeline shows ${lanes.length} lanes`);
    await page.mouse.move(5, 5);
    await shot(page, screenshotDir, 'timeline.png');
    const published = frame.locator('svg .point.published').first();
    const label = await published.getAttribute('aria-label');
    await published.focus();
    await page.keyboard.press('Enter');
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().waitFor({ timeout: 20_000 });
    log(`Enter on "${label}" opened an editor`);
  });

  await step('Network webview: who appears with whom; a node is revealed in the Entities view', async () => {
    await runCommand(page, 'View: Close All Editors');
    await hideSideBar(page, runCommand);
    await runCommand(page, 'News Lens: Show Network');
    const frame = webviewFrame(page);
    await frame.locator('svg .node').nth(9).waitFor({ timeout: 30_000 });
    const nodes = await frame.locator('svg .node').count();
    const edges = await frame.locator('svg .edge').count();
    log(`network: ${nodes} nodes, ${edges} edges`);
    if (edges < nodes / 2) throw new Error(`only ${edges} edges for ${nodes} nodes`);
    await page.mouse.move(5, 5);
    await shot(page, screenshotDir, 'network.png');
    const first = frame.locator('svg .node').first();
    const name = ((await first.getAttribute('aria-label')) ?? '').split(' · ')[0];
    await first.click();
    const row = page.locator('.monaco-list-row.selected', { hasText: name }).first();
    await row.waitFor({ timeout: 20_000 });
    log(`clicking "${name}" selected it in the Entities view`);
  });
}
