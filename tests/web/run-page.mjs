// run-page.mjs - portos-arm's page (emulator/web) in headless Chromium as a
// command: takes portos-arm's command line, prints the guest console on
// stdout and exits with the emulator's exit status, so that scripts that
// run portos-arm (bench/boot-bench, tests/boot) can run the browser build
// too. ci/run-chromium is its wrapper.
//
//   node run-page.mjs --emulator DIR --modules DIR [--chromium PATH]
//                     -- PORTOS-ARM ARGUMENTS...
// The files named by -kernel, -initrd and one -drive's file= are served to
// the page (as guest/zImage, guest/initrd.cpio.gz, guest/disk.img); the
// command line is given to the page as Module['arguments'] with their
// in-page paths. A disk not marked readonly= that the guest wrote to is
// written back (the page's raw image download) after the run. Each run has a new browser profile,
// so nothing is kept in IndexedDB between runs.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { serve } = await import(path.join(here, '../../emulator/web/serve.mjs'));

function die(msg, code = 2) {
  process.stderr.write(`run-chromium: ${msg}\n`);
  process.exit(code);
}

const opts = { chromium: '/usr/bin/chromium' };
const argv = process.argv.slice(2);
let i = 0;
for (; i < argv.length && argv[i] !== '--'; i += 2) {
  const key = argv[i].replace(/^--/, '');
  if (!['emulator', 'modules', 'chromium'].includes(key) || i + 1 >= argv.length) {
    die(`bad argument '${argv[i]}' (--emulator DIR --modules DIR [--chromium PATH] -- ARGS...)`);
  }
  opts[key] = argv[i + 1];
}
if (!opts.emulator || !opts.modules || i >= argv.length) {
  die('usage: run-page.mjs --emulator DIR --modules DIR -- PORTOS-ARM ARGUMENTS...');
}
const args = argv.slice(i + 1);

// QEMU's -drive syntax: key=value pairs split at single commas (",,"
// is a comma inside a value).
function splitOpts(s) {
  const parts = [];
  let cur = '';
  for (let k = 0; k < s.length; k++) {
    if (s[k] === ',' && s[k + 1] === ',') {
      cur += ',';
      k++;
    } else if (s[k] === ',') {
      parts.push(cur);
      cur = '';
    } else {
      cur += s[k];
    }
  }
  parts.push(cur);
  return parts;
}

const guestDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portos-page.'));
const hostFiles = { 'zImage': null, 'initrd.cpio.gz': null, 'disk.img': null };
let writeBack = null;
const pageArgs = args.map((a, k) => {
  const opt = args[k - 1];
  if (opt === '-kernel' || opt === '-initrd') {
    const name = opt === '-kernel' ? 'zImage' : 'initrd.cpio.gz';
    hostFiles[name] = path.resolve(a);
    return '/guest/' + name;
  }
  if (opt === '-drive') {
    const parts = splitOpts(a);
    const file = parts.findIndex((p) => p.startsWith('file='));
    if (file < 0) {
      return a;
    }
    if (hostFiles['disk.img']) {
      die('the page has one disk: more than one -drive with file=');
    }
    hostFiles['disk.img'] = path.resolve(parts[file].slice(5));
    if (!parts.some((p) => /^readonly=(on|true|yes)$/.test(p))) {
      writeBack = hostFiles['disk.img'];
    }
    parts[file] = 'file=/guest/disk.img';
    return parts.map((p) => p.replace(/,/g, ',,')).join(',');
  }
  return a;
});
for (const [name, file] of Object.entries(hostFiles)) {
  if (file && !fs.existsSync(file)) {
    die(`cannot read '${file}'`, 1);
  }
  // The page always loads all three; an unused one is empty.
  if (file) {
    fs.symlinkSync(file, path.join(guestDir, name));
  } else {
    fs.writeFileSync(path.join(guestDir, name), '');
  }
}

const require = createRequire(path.join(path.resolve(opts.modules), 'x.js'));
const { chromium } = require('playwright-core');
const { server, url } = await serve({
  emulator: opts.emulator,
  xterm: path.join(opts.modules, '@xterm/xterm'),
  guest: guestDir,
});
const browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
});
let status = 1;
try {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.exposeFunction('portosOutput', (s) => process.stdout.write(Buffer.from(s, 'latin1')));
  await page.exposeFunction('portosLog', (text) => process.stderr.write(text + '\n'));
  page.on('pageerror', (e) => process.stderr.write(`run-chromium: page error: ${e.message}\n`));
  await page.addInitScript((a) => {
    window.Module = { arguments: a };
  }, pageArgs);
  await page.goto(url);
  await page.waitForFunction(() => ['off', 'error'].includes(window.portos.state), null, { timeout: 0 });
  const state = await page.evaluate(() => window.portos.state);
  if (state === 'off') {
    status = await page.evaluate(() => window.portos.exitCode);
    // What the guest wrote reaches the host file, as with the other builds.
    if (writeBack && await page.evaluate(() => window.portos.diskChanged)) {
      await page.waitForFunction(() => window.portos.savesPending === 0);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      await download.saveAs(writeBack);
    }
  } else {
    process.stderr.write(`run-chromium: ${await page.textContent('#status')}\n`);
  }
} catch (e) {
  process.stderr.write(`run-chromium: ${e.message}\n`);
} finally {
  await browser.close();
  server.close();
  fs.rmSync(guestDir, { recursive: true, force: true });
}
process.exit(status);
