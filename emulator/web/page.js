// page.js - the page around portos-arm-web.js: an xterm.js terminal, the
// guest's files fetched with progress, the emulator in a Web Worker
// (worker.js), and the virtio disk kept in IndexedDB across reloads.
//
// The command line is portos-arm's (qemu-system-arm's options): the page's
// default below, replaced by Module['arguments'] when a script sets
// window.Module before this one runs, with one more argument per `arg`
// query parameter (?arg=-m&arg=128). The guest's files are in the
// emulator's in-memory file system under /guest.
import { Terminal } from './xterm/lib/xterm.mjs';

const KERNEL = 'guest/zImage';
const INITRD = 'guest/initrd.cpio.gz';
const DISK = 'guest/disk.img';
const EMULATOR = 'emu/portos-arm-web.js';
const DISK_PATH = '/guest/disk.img';
const CHUNK = 65536;
const INPUT_BYTES = 4096;

const DEFAULT_ARGS = ['-M', 'virt', '-cpu', 'cortex-a15', '-m', '256', '-nographic',
  '-kernel', '/guest/zImage', '-initrd', '/guest/initrd.cpio.gz',
  '-append', 'console=ttyAMA0 panic=-1',
  '-drive', `if=none,file=${DISK_PATH},format=raw,id=d0`,
  '-device', 'virtio-blk-device,drive=d0', '-nic', 'none'];

const $ = (id) => document.getElementById(id);

// bytes as a string of char codes 0-255 (for window.portosOutput).
function latin1(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  }
  return s;
}
const term = new Terminal({ cols: 100, rows: 30, scrollback: 5000, convertEol: false });
term.open($('terminal'));
term.focus();

// What the browser test (tests/web) and a curious user can look at. A
// driver (tests/web/run-page.mjs) may also define window.portosOutput(s)
// and window.portosLog(text) to get the console output and the runtime's
// messages.
// diskFrom: 'browser' (IndexedDB) or 'server' (a fresh image); diskChanged:
// the guest wrote to it; diskSaves counts completed stores, diskFlushes the
// guest's flushes among them.
const portos = { term, state: 'loading', diskFrom: null, diskChanged: false,
  diskSaves: 0, diskFlushes: 0, savesPending: 0 };
window.portos = portos;

let worker = null;
let disk = null; // the page's copy of the disk image (Uint8Array)
let input = null; // { ctl, ring, queue }
let startedAt = 0;
let generation = 0;

function setState(state, text) {
  portos.state = state;
  document.body.dataset.state = state;
  $('status').textContent = text;
}

function commandLine() {
  const given = window.Module && Array.isArray(window.Module.arguments)
    ? window.Module.arguments.map(String) : DEFAULT_ARGS;
  return given.concat(new URLSearchParams(location.search).getAll('arg'));
}

function mib(n) {
  return (n / 1048576).toFixed(1) + ' MiB';
}

// fetch() with "name: x of y MiB" progress in the status line.
async function download(url, what) {
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) {
    throw new Error(`${url}: HTTP ${res.status}`);
  }
  const total = Number(res.headers.get('Content-Length')) || 0;
  const reader = res.body.getReader();
  const parts = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    parts.push(value);
    got += value.length;
    setState('loading', `downloading ${what}: ${mib(got)}${total ? ' of ' + mib(total) : ''}`);
  }
  const out = new Uint8Array(got);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

// ---- the disk in IndexedDB: 'meta' holds { size }, 'chunks' the image in
// CHUNK-byte pieces keyed by index, so a guest flush stores what changed.
function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('portos-arm', 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('meta');
      req.result.createObjectStore('chunks');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('IndexedDB transaction aborted'));
  });
}

async function loadStoredDisk() {
  const db = await openDb();
  const tx = db.transaction(['meta', 'chunks'], 'readonly');
  const metaReq = tx.objectStore('meta').get('disk');
  const keysReq = tx.objectStore('chunks').getAllKeys();
  const valsReq = tx.objectStore('chunks').getAll();
  await done(tx);
  db.close();
  const meta = metaReq.result;
  if (!meta) {
    return null;
  }
  const image = new Uint8Array(meta.size);
  keysReq.result.forEach((k, i) => {
    const data = valsReq.result[i];
    if (k * CHUNK + data.length <= meta.size) {
      image.set(data, k * CHUNK);
    }
  });
  return image;
}

// Store chunks (all of the image when `chunks` is null) and the size.
async function storeDisk(size, chunks, reason) {
  const db = await openDb();
  const tx = db.transaction(['meta', 'chunks'], 'readwrite');
  const store = tx.objectStore('chunks');
  if (!chunks) {
    store.clear();
    for (let i = 0; i * CHUNK < size; i++) {
      store.put(disk.slice(i * CHUNK, Math.min((i + 1) * CHUNK, size)), i);
    }
  } else {
    for (const c of chunks) {
      store.put(c.data, c.index);
    }
  }
  tx.objectStore('meta').put({ size }, 'disk');
  await done(tx);
  db.close();
  portos.diskSaves++;
  if (reason === 'flush') {
    portos.diskFlushes++;
  }
  $('disk-status').textContent =
    `disk (${mib(size)}) saved in this browser at ${new Date().toLocaleTimeString()}`;
}

async function forgetDisk() {
  const db = await openDb();
  const tx = db.transaction(['meta', 'chunks'], 'readwrite');
  tx.objectStore('meta').clear();
  tx.objectStore('chunks').clear();
  await done(tx);
  db.close();
}

// One tab at a time uses the stored disk: the lock is held while the tab
// lives (a second tab waits for it, saying so).
let diskLock = null;
function lockDisk() {
  if (!navigator.locks) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const t = setTimeout(() => setState('loading',
      'waiting: the disk is in use in another tab of this browser'), 1000);
    navigator.locks.request('portos-arm-disk', () => {
      clearTimeout(t);
      resolve();
      return new Promise(() => {});
    });
  });
}

// ---- keystrokes to the worker through the shared ring (worker.js).
function sendInput(bytes) {
  if (!input) {
    return;
  }
  input.queue.push(...bytes);
  pumpInput();
}

function pumpInput() {
  const { ctl, ring, queue } = input;
  const cap = ring.length;
  let w = Atomics.load(ctl, 0);
  const r = Atomics.load(ctl, 1);
  while (queue.length && (w + 1) % cap !== r) {
    ring[w] = queue.shift();
    w = (w + 1) % cap;
  }
  Atomics.store(ctl, 0, w);
  Atomics.notify(ctl, 0);
  if (queue.length) {
    setTimeout(pumpInput, 10); // the ring is full: the guest reads slowly
  }
}

const encoder = new TextEncoder();
term.onData((s) => sendInput(encoder.encode(s)));
term.onBinary((s) => sendInput(Uint8Array.from(s, (c) => c.charCodeAt(0))));

function onMessage(gen, m) {
  if (gen !== generation) {
    return; // a worker that was restarted away
  }
  switch (m.type) {
  case 'started':
    setState('booting', 'booting… (the shell appears after a minute or two)');
    break;
  case 'out':
    if (portos.state === 'booting') {
      setState('running', 'running: the terminal is the guest\'s console (Ctrl-A x quits)');
    }
    term.write(m.data);
    if (window.portosOutput) {
      window.portosOutput(latin1(m.data));
    }
    break;
  case 'log':
    if (window.portosLog) {
      window.portosLog(m.text);
    }
    term.write('\x1b[33m' + m.text.replace(/\n/g, '\r\n') + '\x1b[0m\r\n');
    break;
  case 'disk':
    portos.diskChanged = true;
    for (const c of m.chunks) {
      disk.set(new Uint8Array(c.data), c.index * CHUNK);
    }
    portos.savesPending++;
    storeDisk(m.size, m.chunks, m.reason).catch((e) => {
      $('disk-status').textContent = 'cannot save the disk in this browser: ' + e;
    }).finally(() => portos.savesPending--);
    break;
  case 'exit': {
    const secs = ((performance.now() - startedAt) / 1000).toFixed(1);
    portos.exitCode = m.code;
    setState('off', m.code === 0
      ? `The guest powered off (after ${secs} s). Restart boots it again.`
      : `portos-arm stopped with exit status ${m.code} (see the terminal). Restart boots again.`);
    input = null;
    break;
  }
  case 'abort':
    setState('error', 'the emulator stopped: ' + m.text);
    input = null;
    break;
  }
}

async function start() {
  const gen = ++generation;
  if (worker) {
    worker.terminate();
    worker = null;
  }
  input = null;
  portos.diskChanged = false;
  term.reset();
  if (!self.crossOriginIsolated || typeof SharedArrayBuffer === 'undefined') {
    setState('error', 'this page needs cross-origin isolation (COOP/COEP headers) ' +
      'for SharedArrayBuffer: serve it with ci/demo --web');
    return;
  }
  try {
    const kernel = await download(KERNEL, 'kernel');
    const initrd = await download(INITRD, 'initrd');
    await (diskLock = diskLock || lockDisk());
    disk = await loadStoredDisk();
    portos.diskFrom = disk ? 'browser' : 'server';
    if (disk) {
      $('disk-status').textContent = `disk (${mib(disk.length)}) restored from this browser`;
    } else {
      disk = await download(DISK, 'disk image');
      await storeDisk(disk.length, null, 'new');
    }
    if (gen !== generation) {
      return;
    }
    const shared = new SharedArrayBuffer(8 + INPUT_BYTES);
    input = { ctl: new Int32Array(shared, 0, 2), ring: new Uint8Array(shared, 8), queue: [] };
    setState('loading', 'loading the emulator…');
    worker = new Worker('worker.js');
    worker.onmessage = (e) => onMessage(gen, e.data);
    worker.onerror = (e) => {
      if (gen === generation && portos.state !== 'off') {
        setState('error', 'the emulator stopped: ' + (e.message || 'error in the worker'));
        input = null;
      }
    };
    const diskCopy = disk.slice();
    startedAt = performance.now();
    worker.postMessage({
      type: 'start',
      emulator: new URL(EMULATOR, location.href).href,
      args: commandLine(),
      files: { '/guest/zImage': kernel.buffer, '/guest/initrd.cpio.gz': initrd.buffer,
        [DISK_PATH]: diskCopy.buffer },
      diskPath: DISK_PATH,
      chunkSize: CHUNK,
      input: shared,
    }, [kernel.buffer, initrd.buffer, diskCopy.buffer]);
  } catch (e) {
    setState('error', 'cannot start: ' + e.message);
  }
}

$('restart').onclick = () => {
  start();
  term.focus();
};
$('download').onclick = () => {
  if (!disk) {
    return;
  }
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([disk], { type: 'application/octet-stream' }));
  a.download = 'portos-disk.img';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
};
$('reset-disk').onclick = async () => {
  if (!confirm('Forget the disk kept in this browser and boot with a fresh one?')) {
    return;
  }
  generation++;
  if (worker) {
    worker.terminate();
    worker = null;
  }
  await forgetDisk();
  $('disk-status').textContent = '';
  start();
};

start();
