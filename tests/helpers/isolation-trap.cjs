/**
 * Preloaded into the CLI by tests/e2e/isolation.test.ts (node --require):
 * records every file the process opens through node:fs, and refuses and
 * records every attempt to reach the network (sockets, DNS, http(s), fetch).
 * The log goes to BRIEF_TRAP_LOG, one "read <path>" or "net <what>" a line.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const log = process.env.BRIEF_TRAP_LOG;
const append = fs.appendFileSync.bind(fs);
const record = (line) => {
  if (log) append(log, `${line}\n`);
};
const asPath = (p) => {
  if (typeof p === 'number') return undefined;
  if (p instanceof URL) return p.pathname;
  if (Buffer.isBuffer(p)) return p.toString();
  return typeof p === 'string' ? path.resolve(p) : undefined;
};
const isWrite = (flags) => typeof flags === 'string' && /[wa+]/.test(flags);
for (const name of ['openSync', 'open', 'readFileSync', 'readFile', 'createReadStream']) {
  const original = fs[name];
  fs[name] = function patched(p, options, ...rest) {
    const file = asPath(p);
    const flags = typeof options === 'object' && options ? (options.flag ?? options.flags) : options;
    if (file && file !== log && !(name.startsWith('open') && isWrite(flags))) record(`read ${file}`);
    return original.call(this, p, options, ...rest);
  };
}
for (const name of ['open', 'readFile']) {
  const original = fs.promises[name];
  fs.promises[name] = function patched(p, ...rest) {
    const file = asPath(p);
    const flags = name === 'open' ? rest[0] : rest[0]?.flag;
    if (file && !isWrite(flags)) record(`read ${file}`);
    return original.call(this, p, ...rest);
  };
}
const refuse = (what) => {
  record(`net ${what}`);
  throw new Error(`network access refused in a build: ${what}`);
};
const net = require('node:net');
net.Socket.prototype.connect = function connect(...args) {
  const o = args[0];
  refuse(`connect ${typeof o === 'object' && o ? (o.host ?? o.path ?? '') : String(o)}`);
};
const dns = require('node:dns');
dns.lookup = (host) => refuse(`dns ${host}`);
dns.promises.lookup = async (host) => refuse(`dns ${host}`);
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  m.request = (u) => refuse(`${mod} ${String(u?.href ? u.href : u)}`);
  m.get = m.request;
}
globalThis.fetch = async (u) => refuse(`fetch ${String(u)}`);
