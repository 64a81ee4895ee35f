// web-test.mjs - portos-arm's page in headless Chromium (playwright-core),
// two boots: the first types a command line and writes a file to the
// virtio disk, the page is reloaded, the second reads the file back from
// the disk the page kept in IndexedDB, leaves the shell (the guest powers
// off) and downloads the disk as a raw image, which the host checks.
//
//   node web-test.mjs --emulator DIR --modules DIR --guest DIR --out DIR
//                     [--chromium PATH] [--timeout SECONDS]
//   --emulator  DIR with portos-arm-web.{js,wasm,worker.js}
//   --modules   node_modules with @xterm/xterm and playwright-core
//   --guest     DIR with zImage, initrd.cpio.gz and a fresh ext2 disk.img
//   --out       where the screenshot, the page's log and the downloaded
//               disk go
//   --timeout   limit for each boot to the shell prompt (default 900)
// Ends with "web-test: N passed, N failed"; exit 1 on any failure.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { serve } = await import(path.join(here, '../../emulator/web/serve.mjs'));

const opts = { chromium: '/usr/bin/chromium', timeout: '900' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, '');
  if (!['emulator', 'modules', 'guest', 'out', 'chromium', 'timeout'].includes(key) ||
      i + 1 >= argv.length) {
    console.error(`web-test: bad argument '${argv[i]}' (see the top of ${path.basename(import.meta.url)})`);
    process.exit(2);
  }
  opts[key] = argv[i + 1];
}
for (const key of ['emulator', 'modules', 'guest', 'out']) {
  if (!opts[key]) {
    console.error(`web-test: --${key} DIR is required`);
    process.exit(2);
  }
}
const limitMs = Number(opts.timeout) * 1000;
fs.mkdirSync(opts.out, { recursive: true });
const out = path.resolve(opts.out);

const require = createRequire(path.join(path.resolve(opts.modules), 'x.js'));
const { chromium } = require('playwright-core');

let npass = 0;
let nfail = 0;
function check(ok, what, detail) {
  if (ok) {
    npass++;
    console.log(`ok - ${what}`);
  } else {
    nfail++;
    console.log(`FAIL: ${what}${detail ? ': ' + detail : ''}`);
  }
  return ok;
}

const log = fs.createWriteStream(path.join(out, 'page.log'));
const token = randomBytes(8).toString('hex');
const { server, url } = await serve({
  emulator: opts.emulator,
  xterm: path.join(opts.modules, '@xterm/xterm'),
  guest: opts.guest,
});
console.log(`web-test: serving ${url}`);

const browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  // As root Chromium needs --no-sandbox; the network is closed.
  args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
});
const context = await browser.newContext({ viewport: { width: 1000, height: 720 }, acceptDownloads: true });
const page = await context.newPage();
page.on('console', (m) => log.write(`console.${m.type()}: ${m.text()}\n`));
page.on('pageerror', (e) => log.write(`pageerror: ${e.message}\n`));

// The terminal's lines (scrollback included), trailing blanks trimmed.
function termLines() {
  return page.evaluate(() => {
    const b = window.portos.term.buffer.active;
    const lines = [];
    for (let i = 0; i < b.length; i++) {
      lines.push(b.getLine(i).translateToString(true));
    }
    return lines;
  });
}

// Wait until fn(lines, state) is true; false on timeout or a stopped page.
async function waitTerm(fn, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const lines = await termLines();
    const state = await page.evaluate(() => window.portos.state);
    if (fn(lines, state)) {
      return true;
    }
    if (state === 'error' || Date.now() > end) {
      log.write(`wait ended in state ${state}; terminal:\n${lines.join('\n')}\n`);
      return false;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

const prompt = (lines) => /[#$]$/.test((lines.filter((l) => l.trim()).pop() || '').trimEnd());
// Lines after the last one that shows `cmd` typed at a prompt.
function after(lines, cmd) {
  let i = lines.length - 1;
  // A long command wraps: look for its start.
  const start = cmd.slice(0, 40);
  while (i >= 0 && !(lines[i].includes(start) && /[#$] /.test(lines[i]))) {
    i--;
  }
  return i < 0 ? [] : lines.slice(i + 1).map((l) => l.trimEnd());
}

async function command(cmd, want, ms = 120000) {
  await page.click('#terminal');
  await page.keyboard.type(cmd);
  await page.keyboard.press('Enter');
  let got = [];
  await waitTerm((lines) => {
    got = after(lines, cmd);
    return want.every((w) => got.includes(w));
  }, ms);
  return got;
}

async function boot(name) {
  const t0 = Date.now();
  const ok = await waitTerm((lines, state) => state === 'running' && prompt(lines), limitMs);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`web-test: ${name}: ${ok ? 'shell prompt after' : 'no shell prompt within'} ${secs} s`);
  fs.appendFileSync(path.join(out, 'times'), `${name} ${Date.now() - t0}\n`);
  return check(ok, `${name}: the guest boots to a shell prompt in the page's terminal`,
    `see ${path.join(out, 'page.log')}`);
}

let done = false;
try {
  await page.goto(url);
  const isolated = await page.evaluate(() => self.crossOriginIsolated);
  check(isolated, 'the page is cross-origin isolated (COOP/COEP: SharedArrayBuffer)');
  if (await boot('boot 1')) {
    const got = await command('uname -m; echo $((6*7))', ['armv7l', '42']);
    check(got.includes('armv7l') && got.includes('42'), 'boot 1: uname -m and $((6*7)) read armv7l and 42',
      JSON.stringify(got.slice(0, 4)));
    const flushes = await page.evaluate(() => window.portos.diskFlushes);
    // sync FILE fsyncs it: the guest flushes the disk, the page stores it.
    const wrote = await command(`echo portos-web ${token} >/mnt/web.txt && sync /mnt/web.txt && echo SYNCED`,
      ['SYNCED']);
    check(wrote.includes('SYNCED'), 'boot 1: a file written to /mnt and synced');
    const stored = await page.waitForFunction((n) => window.portos.diskFlushes > n &&
      window.portos.savesPending === 0, flushes, { timeout: 60000 }).then(() => true, () => false);
    check(stored, 'boot 1: the guest\'s flush stored the disk in IndexedDB');

    await page.reload();
    if (await boot('boot 2')) {
      const from = await page.evaluate(() => window.portos.diskFrom);
      check(from === 'browser', 'boot 2: the disk comes from IndexedDB', from);
      const read = await command('cat /mnt/web.txt', [`portos-web ${token}`]);
      check(read.includes(`portos-web ${token}`), 'boot 2: the file written before the reload reads back',
        JSON.stringify(read.slice(0, 3)));
      // Leaving the shell unmounts /mnt and powers the guest off.
      await page.click('#terminal');
      await page.keyboard.type('exit');
      await page.keyboard.press('Enter');
      const off = await page.waitForFunction(() => window.portos.state === 'off', null,
        { timeout: 120000 }).then(() => true, () => false);
      const status = await page.textContent('#status');
      check(off && /powered off/.test(status), 'boot 2: the page says the guest powered off', status);

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      const image = path.join(out, 'portos-disk.img');
      await download.saveAs(image);
      let content = '';
      try {
        content = execFileSync('debugfs', ['-R', 'cat /web.txt', image],
          { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
      } catch (e) {
        content = `debugfs failed: ${e.message}`;
      }
      check(content === `portos-web ${token}`, 'the downloaded raw disk image holds the file (debugfs)', content);
      done = true;
    }
  }
} catch (e) {
  check(false, 'the browser test ran to its end', e.message);
} finally {
  const shot = path.join(out, 'terminal.png');
  await page.screenshot({ path: shot }).then(
    () => console.log(`web-test: screenshot of the terminal: ${shot}`),
    (e) => console.log(`web-test: no screenshot: ${e.message}`));
  await browser.close();
  server.close();
  log.end();
}
if (!done && nfail === 0) {
  check(false, 'the browser test ran to its end');
}
console.log(`web-test: page log in ${path.join(out, 'page.log')}`);
console.log(`web-test: ${npass} passed, ${nfail} failed`);
process.exit(nfail ? 1 : 0);
