/**
 * The example web page in headless Chromium (Debian's package, driven by Playwright):
 * Bea signs in, sees the thread, a reply Ana posts from another client appears, and a
 * reload finds her still signed in (the session is kept in IndexedDB).
 */
import { createReadStream, existsSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { MyProfileDocument, PostReplyDocument } from '../../src/index.js';
import { PASSWORD, community } from '../support/clients.js';
import { VillageServer } from '../support/server.js';

const PACKAGE = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };

/** Serves the package folder (the page, dist/ and node_modules/) on a free port. */
function staticServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(PACKAGE, path);
    if (!file.startsWith(PACKAGE) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((ready) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      ready({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

let village: VillageServer;
let pages: { server: Server; origin: string };
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(PACKAGE, 'dist/index.js'))) throw new Error('run `npm run build` first (npm test does)');
  pages = await staticServer();
  village = await VillageServer.start(['--trusted-documents-only', '--allowed-origins', pages.origin]);
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
});

afterAll(async () => {
  await browser?.close();
  pages?.server.close();
  await village?.dispose();
});

it('shows the thread and appends a reply posted by another client', async () => {
  const { ana, bea, threadId } = await community(village);
  const email = (await bea.request(MyProfileDocument)).me.email ?? '';
  const page = await browser.newPage();
  const api = encodeURIComponent(village.url);
  await page.goto(`${pages.origin}/examples/web/index.html?api=${api}&thread=${threadId}`);

  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.locator('#replies li', { hasText: 'Welcome!' }).waitFor();
  await expect(page.textContent('#title')).resolves.toBe('Pumping at work');

  await ana.request(PostReplyDocument, { input: { threadId, body: 'Mine has a lock and a fridge' } });
  await page.locator('#replies li', { hasText: 'Mine has a lock and a fridge' }).waitFor({ timeout: 20_000 });

  const replies = await page.locator('#replies li').allTextContents();
  expect(replies).toEqual(['AnaWelcome!', 'AnaMine has a lock and a fridge']);

  // The session is kept in IndexedDB: a reload opens the thread without signing in.
  await page.reload();
  await page.locator('#replies li', { hasText: 'Mine has a lock and a fridge' }).waitFor();
  expect(await page.isHidden('#sign-in')).toBe(true);
  await page.close();
  await Promise.all([ana.close(), bea.close()]);
});
