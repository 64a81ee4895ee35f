// worker.js - runs portos-arm-web.js in a Web Worker for page.js.
//
// The page sends one message:
//   { type: 'start', emulator: URL of portos-arm-web.js, args: [...],
//     files: { path: ArrayBuffer }, diskPath, chunkSize,
//     input: SharedArrayBuffer }
// and gets back:
//   { type: 'out', data: Uint8Array }    console output (stdout/stderr)
//   { type: 'log', text }                the runtime's own messages
//   { type: 'started' }                  main() is about to run
//   { type: 'disk', reason, size, chunks }
//                                        disk chunks written since the last
//                                        message; reason: 'flush' (the
//                                        guest's), 'idle' (every DISK_MS)
//                                        or 'exit'
//   { type: 'exit', code }               portos-arm returned or exited
//   { type: 'abort', text }              the wasm program trapped
//
// Keystrokes come through `input`, a ring the page fills: Int32 [0] is
// the write index, [1] the read index (both owned by one side each), then
// the bytes. The emulator never returns to this worker's event loop while
// it runs, so messages from the page could not arrive: the ring is read
// with Atomics instead, and the console waits on it with Atomics.wait.
'use strict';

const FLUSH_MS = 16;
// Chunks the guest wrote but did not flush are sent this often too, as a
// disk's write cache drains.
const DISK_MS = 2000;

function startEmulator(m) {
  const ctl = new Int32Array(m.input, 0, 2);
  const ring = new Uint8Array(m.input, 8);
  const cap = ring.length;
  let pending = [];
  let pendingBytes = 0;
  let lastPost = 0;
  let lastDisk = performance.now();

  // Console output is batched: one message per FLUSH_MS, or when the
  // emulator looks for input (it is idle then), or at exit.
  function flushOut() {
    if (!pendingBytes) {
      return;
    }
    const data = new Uint8Array(pendingBytes);
    let off = 0;
    for (const p of pending) {
      data.set(p, off);
      off += p.length;
    }
    pending = [];
    pendingBytes = 0;
    lastPost = performance.now();
    postMessage({ type: 'out', data }, [data.buffer]);
  }

  function sendDisk(reason) {
    lastDisk = performance.now();
    const changes = self.Module.portosDiskChanges();
    if (changes) {
      postMessage({ type: 'disk', reason, size: changes.size, chunks: changes.chunks },
        changes.chunks.map((c) => c.data.buffer));
    }
  }

  const files = {};
  for (const path of Object.keys(m.files)) {
    files[path] = new Uint8Array(m.files[path]);
  }
  const base = new URL('.', m.emulator).href;

  self.Module = {
    arguments: m.args,
    thisProgram: 'portos-arm',
    portosFiles: files,
    portosDiskPath: m.diskPath,
    portosChunkSize: m.chunkSize,
    // The runtime's files sit next to portos-arm-web.js, not this script;
    // its thread workers load that script too.
    locateFile: (path) => base + path,
    mainScriptUrlOrBlob: m.emulator,
    print: (text) => postMessage({ type: 'log', text }),
    printErr: (text) => postMessage({ type: 'log', text }),
    portosTerminal: {
      write(fd, data) {
        pending.push(data);
        pendingBytes += data.length;
        if (pendingBytes >= 65536 || performance.now() - lastPost >= FLUSH_MS) {
          flushOut();
        }
      },
      read(heap, ptr, len) {
        const now = performance.now();
        if (now - lastPost >= FLUSH_MS) {
          flushOut();
        }
        if (now - lastDisk >= DISK_MS) {
          sendDisk('idle');
        }
        const w = Atomics.load(ctl, 0);
        let r = Atomics.load(ctl, 1);
        let n = 0;
        while (r !== w && n < len) {
          heap[ptr + n++] = ring[r];
          r = (r + 1) % cap;
        }
        Atomics.store(ctl, 1, r);
        return n;
      },
      wait(ms) {
        flushOut();
        const w = Atomics.load(ctl, 0);
        if (w === Atomics.load(ctl, 1)) {
          Atomics.wait(ctl, 0, w, ms);
        }
        return Atomics.load(ctl, 0) !== Atomics.load(ctl, 1);
      },
    },
    portosOnDiskSync: () => sendDisk('flush'),
    onRuntimeInitialized: () => postMessage({ type: 'started' }),
    onExit: (code) => {
      flushOut();
      sendDisk('exit');
      postMessage({ type: 'exit', code });
    },
    onAbort: (what) => {
      flushOut();
      postMessage({ type: 'abort', text: String(what) });
    },
  };
  try {
    importScripts(m.emulator);
  } catch (e) {
    postMessage({ type: 'abort', text: 'cannot load ' + m.emulator + ': ' + e });
  }
}

self.onmessage = (e) => {
  if (e.data && e.data.type === 'start' && !self.Module) {
    startEmulator(e.data);
  }
};
