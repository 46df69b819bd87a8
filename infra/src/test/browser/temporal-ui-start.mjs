// Starts AlignmentPipeline through the Temporal Web UI's "Start Workflow" form and waits, in the UI,
// until the run shows as Completed. Env: UI_URL, WORKFLOW_ID, SPEC (JSON), SHOTS (screenshot folder),
// TIMEOUT_S. Exit 0 on success; on failure prints why and leaves a screenshot.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const ui = process.env.UI_URL;
const id = process.env.WORKFLOW_ID;
const spec = process.env.SPEC ?? '{"preset": "synthetic-tiny"}';
const shots = process.env.SHOTS ?? 'target/browser';
const deadline = Date.now() + 1000 * Number(process.env.TIMEOUT_S ?? 300);
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
try {
  await page.goto(`${ui}/namespaces/default/workflows/start-workflow`);
  await page.getByTestId('workflowId').fill(id);
  await page.getByTestId('taskQueue').fill('alignet-control');
  await page.getByTestId('workflowType').fill('AlignmentPipeline');
  const editor = page.locator('[aria-label="Data"] .cm-content, [aria-label="Data"][contenteditable]').first();
  await editor.click();
  await page.keyboard.insertText(spec);
  // Leave the editor first: the UI reformats the JSON on blur, and a click that blurs is not a submit.
  await page.getByRole('heading', { name: 'Start Workflow' }).click();
  await page.screenshot({ path: `${shots}/temporal-ui-start-form.png` });
  const started = page.waitForResponse(r => r.request().method() === 'POST'
      && r.url().includes(`/api/v1/namespaces/default/workflows/${encodeURIComponent(id)}`), { timeout: 30000 });
  await page.getByTestId('start-workflow-button').click();
  const answer = await started;
  if (answer.status() !== 200) throw new Error(`the UI's start request answered ${answer.status()}: ${await answer.text()}`);
  const runUrl = `${ui}/namespaces/default/workflows/${encodeURIComponent(id)}`;
  let status = '';
  while (Date.now() < deadline) {
    await page.goto(runUrl);
    await page.waitForLoadState('networkidle').catch(() => {});
    // The run page's status badge (upper case in UI 2.x: RUNNING, COMPLETED, FAILED, ...).
    const badge = page.getByTestId('execution-status').first();
    status = (await badge.isVisible().catch(() => false)) ? (await badge.innerText()).trim().toUpperCase() : '';
    if (status && status !== 'RUNNING') break;
    await page.waitForTimeout(3000);
  }
  await page.screenshot({ path: `${shots}/temporal-ui-run.png`, fullPage: true });
  if (status !== 'COMPLETED') {
    console.error(`run ${id} shows '${status || 'no status'}' in the Temporal UI, expected COMPLETED`);
    process.exitCode = 1;
  } else {
    console.log(`run ${id} Completed (started from the Temporal UI form)`);
  }
} catch (e) {
  await page.screenshot({ path: `${shots}/temporal-ui-error.png`, fullPage: true }).catch(() => {});
  console.error(`Temporal UI check failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
