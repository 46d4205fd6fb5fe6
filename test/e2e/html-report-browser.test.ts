/**
 * The HTML report of the demo server in a real browser: Debian's chromium, headless, driven by
 * puppeteer-core over the DevTools protocol. What a reader gets: the page renders with no console
 * error and no request beyond the file itself, every claim and verdict is in the DOM, and the main
 * boxes (header, claim table, retention chart, findings) come in order, without overlap, within
 * the window's width. It compares boxes, not pixels, so fonts and anti-aliasing do not matter.
 * The screenshot it takes is the README's (docs/html-report.png).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport } from '../helpers/json-report.js';
import { repoRoot } from '../helpers/lint-fixture.js';
import { findProgram, programsMissing, requireOracle } from '../helpers/require-program.js';

const viewport = { width: 1000, height: 1500 };
const screenshot = path.join(repoRoot, 'docs', 'html-report.png');

interface Box {
  id: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

describe('the HTML report of the demo in headless Chromium', () => {
  if (!requireOracle(programsMissing('chromium'), ['chromium'])) return;

  let dir: string | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let claims: { claim: string; verdict: string }[];
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'privacy-lint-browser-'));
    const file = path.join(dir, 'report.html');
    const cli = path.join(repoRoot, 'bin', 'privacy-lint.js');
    const demo = ['--root', 'fixtures/demo', '--config', 'fixtures/demo/privacy-lint.config.yaml'];
    // A fixed date (2026-01-01) so the screenshot in docs/ changes only when the report does.
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1767225600' };
    const made = spawnSync(process.execPath, [cli, ...demo, '-f', 'html', '-o', file], { cwd: repoRoot, env, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(1);
    const json = spawnSync(process.execPath, [cli, ...demo, '-f', 'json'], { cwd: repoRoot, encoding: 'utf8' });
    claims = parseJsonReport(json.stdout).claims;
    url = pathToFileURL(file).href;

    browser = await puppeteer.launch({
      executablePath: findProgram('chromium'),
      headless: true,
      // As root (CI containers) Chromium refuses its sandbox; the page is a local file without script.
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    await page.setViewport(viewport);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('renders with no console error and no request but the file itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([url]);
  });

  it('shows every claim of the result with its verdict in words', async () => {
    const rows = (await page.evaluate(`[...document.querySelectorAll('tr.claim')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()))`)) as string[][];
    expect(rows.map((cells) => [cells[0], cells[2]])).toEqual(claims.map((c) => [c.claim, c.verdict.replace('-', ' ')]));
    expect(claims.length).toBeGreaterThan(10);
  });

  it('lays out header, claim table, chart and findings in order, without overlap, within the window width', async () => {
    // Page code as a string: it runs in the browser, and the tests are type-checked without the DOM library.
    const boxes = (await page.evaluate(`
      ['#report-header', '#claims table', '#retention svg', '#findings'].flatMap((selector) => {
        const element = document.querySelector(selector);
        if (element === null) return [];
        const r = element.getBoundingClientRect();
        return [{ id: selector, top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, left: r.left, right: r.right }];
      })`)) as Box[];
    expect(boxes.map((b) => b.id)).toEqual(['#report-header', '#claims table', '#retention svg', '#findings']);
    for (const box of boxes) {
      expect(box.bottom - box.top, box.id).toBeGreaterThan(20);
      expect(box.left, box.id).toBeGreaterThanOrEqual(0);
      expect(box.right, box.id).toBeLessThanOrEqual(viewport.width);
    }
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top, `${boxes[i]!.id} below ${boxes[i - 1]!.id}`).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom);
    // Nothing is wider than the window: no horizontal scrolling.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
    // The README's picture: the page from its header to the end of the chart.
    const chart = boxes.find((b) => b.id === '#retention svg')!;
    await page.screenshot({ path: screenshot, clip: { x: 0, y: 0, width: viewport.width, height: Math.ceil(chart.bottom + 16) } });
  });

  it('prints with its print stylesheet: no finding split across pages, colours kept', async () => {
    await page.emulateMediaType('print');
    try {
      const style = await page.evaluate(`(() => {
        const computed = getComputedStyle(document.querySelector('li.finding'));
        return { breakInside: computed.breakInside, colourAdjust: computed.getPropertyValue('print-color-adjust') };
      })()`);
      expect(style).toEqual({ breakInside: 'avoid', colourAdjust: 'exact' });
    } finally {
      await page.emulateMediaType('screen');
    }
  });
});
