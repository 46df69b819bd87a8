// Loads the control plane's run page at 1280x800 and checks that stage progress bars and the charts
// render and that the page raises no JavaScript errors. Env: PAGE_URL (with ?token=...), SHOTS.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const url = process.env.PAGE_URL;
const shots = process.env.SHOTS ?? 'target/browser';
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors = [];
page.on('pageerror', e => errors.push(`page error: ${e.message}`));
page.on('console', m => { if (m.type() === 'error') errors.push(`console error: ${m.text()}`); });
const problems = [];
try {
  const response = await page.goto(url);
  if (response.status() !== 200) problems.push(`HTTP ${response.status()} for the run page`);
  const stages = await page.locator('tr.stage').count();
  const done = await page.locator('tr.stage[data-status="done"] .progress > div[style*="width:100%"]').count();
  if (stages !== 7) problems.push(`expected 7 stage rows, found ${stages}`);
  if (done !== 7) problems.push(`expected 7 full progress bars, found ${done}`);
  for (const chart of ['#agreement', '#loss', '#calibration']) {
    const box = await page.locator(`svg${chart}`).first().boundingBox();
    if (!box || box.width < 100 || box.height < 80) problems.push(`chart ${chart} not rendered (box ${JSON.stringify(box)})`);
  }
  const bars = await page.locator('svg#agreement rect.bar').count();
  if (bars < 4) problems.push(`agreement chart has ${bars} bars`);
  const lineageRows = await page.locator('#lineage tr').count();
  if (lineageRows < 8) problems.push(`lineage table has ${lineageRows - 1} steps`);
  const map = await page.locator('svg#embedding-map circle.point').count();
  if (map < 20) problems.push(`embedding map has ${map} points`);
  // Evaluation metrics beyond agreement: a few-shot row per shot count, each with a number for the aligned model.
  const fewShot = await page.locator('td', { hasText: /^\d+-shot accuracy$/ }).count();
  const oneShot = await page.locator('tr:has(td:text-is("1-shot accuracy")) td:nth-child(4)').first().textContent();
  if (fewShot < 1) problems.push('no few-shot accuracy rows on the run page');
  if (!/^\d\.\d{3}$/.test(oneShot ?? '')) problems.push(`1-shot accuracy of the aligned model shows '${oneShot}'`);
  console.log(`stages=${stages} fullBars=${done} agreementBars=${bars} lineageSteps=${lineageRows - 1} mapPoints=${map} fewShotRows=${fewShot}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 1280) problems.push(`page is ${width}px wide at a 1280px viewport (horizontal scrolling)`);
  await page.screenshot({ path: `${shots}/run-page.png` });
  await page.screenshot({ path: `${shots}/run-page-full.png`, fullPage: true });
} catch (e) {
  problems.push(e.message);
} finally {
  await browser.close();
}
problems.push(...errors);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
