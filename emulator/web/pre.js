// pre.js - linked into portos-arm-web.js (--pre-js), so it sees the
// runtime's FS. worker.js sets, before it loads the program:
//   Module.portosFiles      { '/guest/zImage': Uint8Array, ... }, written
//                           to MEMFS before main() runs
//   Module.portosDiskPath   the virtio disk among them: its writes are
//                           tracked in chunks of Module.portosChunkSize
//   Module.portosOnDiskSync called when the guest flushes that disk
// and calls Module.portosDiskChanges() to take the chunks written since the
// last call ({ size, chunks: [{ index, data }] } or null).
/* global FS */
'use strict';

var portosDisk = null;

function portosTrackDisk(path, chunk) {
  var node = FS.lookupPath(path).node;
  var ops = node.stream_ops;
  var write = ops.write;

  portosDisk = { node: node, chunk: chunk, dirty: new Set() };
  // Streams copy node.stream_ops when opened: only this file's writes
  // come through here.
  node.stream_ops = Object.assign({}, ops, {
    write: function (stream, buffer, offset, length, position, canOwn) {
      var n = write(stream, buffer, offset, length, position, canOwn);
      for (var c = Math.floor(position / chunk); c * chunk < position + n; c++) {
        portosDisk.dirty.add(c);
      }
      return n;
    },
  });
}

Module['portosDiskChanges'] = function () {
  if (!portosDisk || !portosDisk.dirty.size) {
    return null;
  }
  var node = portosDisk.node;
  var size = node.usedBytes;
  var chunk = portosDisk.chunk;
  var chunks = [];
  portosDisk.dirty.forEach(function (c) {
    var start = c * chunk;
    if (start < size) {
      chunks.push({ index: c, data: node.contents.slice(start, Math.min(start + chunk, size)) });
    }
  });
  portosDisk.dirty.clear();
  return { size: size, chunks: chunks };
};

// libportos's portos_file_sync() on a MEMFS file (file-wasm.c).
Module['portosFileSync'] = function (fd) {
  var stream = FS.streams[fd];
  if (portosDisk && stream && stream.node === portosDisk.node && Module['portosOnDiskSync']) {
    Module['portosOnDiskSync']();
  }
};

Module['preRun'] = [].concat(Module['preRun'] || [], function () {
  var files = Module['portosFiles'] || {};
  Object.keys(files).forEach(function (path) {
    var dir = path.slice(0, path.lastIndexOf('/'));
    if (dir) {
      FS.mkdirTree(dir);
    }
    FS.writeFile(path, files[path], { canOwn: true });
  });
  Module['portosFiles'] = null;
  if (Module['portosDiskPath']) {
    portosTrackDisk(Module['portosDiskPath'], Module['portosChunkSize'] || 65536);
  }
});
