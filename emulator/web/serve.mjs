// serve.mjs - the static server for the portos-arm page, with the
// cross-origin isolation headers (COOP/COEP) that SharedArrayBuffer needs.
//
//   node serve.mjs --emulator DIR --xterm DIR --guest DIR [--port N] [--host H]
//                  [--arg ARG]...
//
// URL          served from
//   /           emulator/web (index.html, page.js, worker.js)
//   /emu/       DIR with portos-arm-web.{js,wasm,worker.js}
//   /xterm/     the installed @xterm/xterm package
//   /guest/     DIR with zImage, initrd.cpio.gz, disk.img
// Prints "serving URL" once listening (port 0: any free port); each --arg
// is added to the printed URL as an `arg` query parameter (one more
// portos-arm argument for the page). Also imported by tests/web (serve()).
import { createServer } from 'node:http';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = path.dirname(fileURLToPath(import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};
const PAGE_FILES = new Set(['index.html', 'page.js', 'worker.js']);

// A URL path to a file under one of the mounts, or null.
function resolve(mounts, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel === '/') {
    rel = '/index.html';
  }
  for (const [prefix, dir] of mounts) {
    if (prefix === '/' ? !PAGE_FILES.has(rel.slice(1)) : !rel.startsWith(prefix)) {
      continue;
    }
    const file = path.resolve(dir, '.' + rel.slice(prefix.length - 1));
    // No way out of the mounted folder (.., symlinked names are resolved
    // by path only: the folders are the project's own).
    return file.startsWith(path.resolve(dir) + path.sep) ? file : null;
  }
  return null;
}

export function serve({ emulator, xterm, guest, port = 0, host = '127.0.0.1' }) {
  const mounts = [['/emu/', emulator], ['/xterm/', xterm], ['/guest/', guest], ['/', WEB_DIR]];
  const server = createServer(async (req, res) => {
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    const file = resolve(mounts, new URL(req.url, 'http://x').pathname);
    let st = null;
    if (file) {
      st = await fsp.stat(file).catch(() => null);
    }
    if (!st || !st.isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Length': st.size,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address();
      const shown = host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
      resolvePromise({ server, url: `http://${shown}:${a.port}/` });
    });
  });
}

async function main(argv) {
  const opts = { port: 8080, host: '127.0.0.1' };
  const query = new URLSearchParams();
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!['emulator', 'xterm', 'guest', 'port', 'host', 'arg'].includes(key) || i + 1 >= argv.length) {
      console.error(`serve.mjs: bad argument '${argv[i]}' (--emulator/--xterm/--guest DIR, --port N, --host H, --arg ARG)`);
      process.exit(2);
    }
    if (key === 'arg') {
      query.append('arg', argv[i + 1]);
    } else {
      opts[key] = key === 'port' ? Number(argv[i + 1]) : argv[i + 1];
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    console.error('serve.mjs: --port wants a number from 0 to 65535');
    process.exit(2);
  }
  for (const key of ['emulator', 'xterm', 'guest']) {
    if (!opts[key]) {
      console.error(`serve.mjs: --${key} DIR is required`);
      process.exit(2);
    }
  }
  try {
    const { url } = await serve(opts);
    console.log(`serving ${url}${query.size ? '?' + query : ''}`);
  } catch (e) {
    console.error(`serve.mjs: cannot listen on ${opts.host}:${opts.port}: ${e.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
