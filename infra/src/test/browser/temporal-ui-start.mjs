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
  await page.screenshot({ path: `${shots}/temporal-ui-start-form.png` });
  await page.getByTestId('start-workflow-button').click();
  // The UI opens the new run's page; follow it there even if a later UI version stays on the form.
  await page.waitForURL(u => !u.toString().endsWith('/start-workflow'), { timeout: 30000 }).catch(() => {});
  const runUrl = `${ui}/namespaces/default/workflows/${encodeURIComponent(id)}`;
  let status = '';
  while (Date.now() < deadline) {
    await page.goto(runUrl);
    await page.waitForLoadState('networkidle').catch(() => {});
    const text = await page.locator('body').innerText();
    const m = text.match(/\b(Running|Completed|Failed|Canceled|Terminated|Timed Out)\b/);
    status = m ? m[1] : '';
    if (status && status !== 'Running') break;
    await page.waitForTimeout(3000);
  }
  await page.screenshot({ path: `${shots}/temporal-ui-run.png`, fullPage: true });
  if (status !== 'Completed') {
    console.error(`run ${id} shows '${status || 'no status'}' in the Temporal UI, expected Completed`);
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
