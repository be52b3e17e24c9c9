/**
 * The browser tests' harness: serves the built site on 127.0.0.1 (as GitHub Pages would, below its base path)
 * and drives Debian's Chromium with playwright-core. Screenshots go to e2e/screenshots/ (git-ignored).
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BASE } from '../docs/.vitepress/site.js';

const dist = fileURLToPath(new URL('../docs/.vitepress/dist/', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const CHROMIUM = process.env.EL_CHROMIUM ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** Serves the built site below BASE on a free port of 127.0.0.1. */
export async function serveSite(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error('The site is not built: run `npm run docs:build` before `npm run test:e2e`.');
  }
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(BASE)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(dist, path.slice(BASE.length)));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${BASE}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** Chromium, headless, with nothing reaching out to the network on its own. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}

/** A page that fails the test on any error the site throws or logs. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  await page.goto(url);
  return { page, errors };
}

/** Saves a full-page screenshot as e2e/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Opens the playground with a lifecycle chosen and its time zone set. */
export async function playground(page: Page, lifecycle: 'plextrac' | 'defectdojo', timeZone: string): Promise<void> {
  await page.getByTestId('lifecycle').selectOption(lifecycle);
  await page.getByTestId('time-zone').selectOption(timeZone);
  await page.getByTestId('status').filter({ hasText: '(no engagement yet)' }).waitFor();
}

/** Sends one event through the form: the type, then each field by name. */
export async function send(page: Page, type: string, fields: Readonly<Record<string, string>>): Promise<void> {
  await page.getByTestId('event-type').selectOption(type);
  for (const [name, value] of Object.entries(fields)) {
    const field = page.getByTestId(`field-${name}`);
    const tag = await field.evaluate((el) => el.tagName);
    if (tag === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.getByTestId('send').click();
}

/** What the page shows now. */
export async function shown(page: Page): Promise<{ status: string; effects: string[]; refusal: string | null; nextDue: string; highlighted: string }> {
  const status = (await page.getByTestId('status').textContent()) ?? '';
  const effects = await page.getByTestId('effect-id').allTextContents();
  const refusal = (await page.getByTestId('refusal').count()) > 0 ? await page.getByTestId('refusal').innerText() : null;
  const nextDue = (await page.getByTestId('next-due').textContent()) ?? '';
  // The diagram is redrawn asynchronously after each change: give it time to mark the new status, then read the
  // state(s) Mermaid drew with the `current` class (the test asserts what it finds).
  const marked = () => page.locator('.el-mermaid svg .current').allTextContents().then((t) => t.join('|').trim());
  const until = Date.now() + 15_000;
  let highlighted = await marked();
  while (!highlighted.includes(status) && Date.now() < until) {
    await page.waitForTimeout(100);
    highlighted = await marked();
  }
  return { status, effects, refusal, nextDue, highlighted };
}
