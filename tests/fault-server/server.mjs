// A misbehaving OpenID provider for fault-injection tests. Node only, no npm dependencies.
//
//   node server.mjs [--port 0]
//
// Listens on 127.0.0.1 only and prints "READY http://127.0.0.1:PORT" on stdout; exits when stdin closes
// (so it dies with the test host) or on SIGTERM/SIGINT.
//
// Every realm is created on first use with its own RS256 key and serves, like Keycloak:
//   GET /realms/{realm}/.well-known/openid-configuration
//   GET /realms/{realm}/protocol/openid-connect/certs
// How each of those two documents misbehaves is set per realm through the admin routes:
//   POST /__admin/realms/{realm}/faults        {"discovery": MODE, "jwks": MODE, "delayMs": N, "trickleMs": N}
//   POST /__admin/realms/{realm}/rotate-keys   ?drop-old=true|false  -> {"signingKid", "publishedKids"}
//   POST /__admin/realms/{realm}/sign          {"claims": {...}, "header": {...}}  -> {"token", "kid"}  (RS256, current key)
//        optional: "rawClaims": "JSON text" (signed as is, e.g. with duplicate members), "unset": ["kid"] (header
//        members to leave out), "signWith": KID (a published key instead of the current one); a header "alg" of
//        RS384 or RS512 signs with that hash
//   POST /__admin/realms/{realm}/add-key       {"bits": 1024}  -> {"kid", "publishedKids"}  (published, never the current key)
//   POST /__admin/realms/{realm}/document      {"member": value, ...}  -> members to add to or replace in the discovery document
//   GET  /__admin/realms/{realm}/stats         -> request counts per document and how they were answered
//   POST /__admin/realms/{realm}/reset-stats
//   GET  /__admin/health
// A mode can also be chosen per request with a path prefix: /fault/{MODE}/realms/{realm}/... (both documents).
//
// MODE: ok | hang (never answers) | slow (answers after delayMs) | slow-body (headers, then a byte every trickleMs,
// forever) | reset (half the body, then a TCP reset) | endless (a JSON body that never ends) | html (200 text/html) |
// wrong-json (200 application/json that is not JSON) | 500 | flap (500 and ok in turn) | redirect (302 to the ok
// document) | huge (valid JSON of 2 MiB) | rotating (jwks: a new signing key before every answer).
import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';

const MODES = new Set(['ok', 'hang', 'slow', 'slow-body', 'reset', 'endless', 'html', 'wrong-json', '500', 'flap', 'redirect', 'huge', 'rotating']);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const port = Number(option('port', '0'));

const realms = new Map();
const sockets = new Set();
const timers = new Set();

function newKey(bits = 2048) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const kid = randomUUID();
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

function realm(name) {
  let r = realms.get(name);
  if (!r) {
    r = {
      name,
      modes: { discovery: 'ok', jwks: 'ok' },
      delayMs: 30000,
      trickleMs: 500,
      keys: [newKey()],
      documentOverrides: {},
      stats: { discovery: 0, jwks: 0, answered: {} },
      flap: { discovery: 0, jwks: 0 },
    };
    realms.set(name, r);
  }
  return r;
}

function base(req) {
  return `http://${req.headers.host}`;
}

function discoveryDocument(req, r) {
  const issuer = `${base(req)}/realms/${r.name}`;
  const oidc = `${issuer}/protocol/openid-connect`;
  return {
    issuer,
    authorization_endpoint: `${oidc}/auth`,
    token_endpoint: `${oidc}/token`,
    userinfo_endpoint: `${oidc}/userinfo`,
    end_session_endpoint: `${oidc}/logout`,
    jwks_uri: `${oidc}/certs`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile'],
    ...r.documentOverrides,
  };
}

const jwksDocument = (r) => ({ keys: r.keys.map((k) => k.jwk) });

function count(r, doc, how) {
  r.stats[doc]++;
  const key = `${doc}:${how}`;
  r.stats.answered[key] = (r.stats.answered[key] ?? 0) + 1;
}

function later(ms, fn) {
  const t = setTimeout(() => {
    timers.delete(t);
    fn();
  }, ms);
  timers.add(t);
  return t;
}

function sendJson(res, status, value, contentType = 'application/json') {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'content-type': contentType, 'content-length': body.length, 'cache-control': 'no-store' });
  res.end(body);
}

function serveDocument(req, res, r, doc, mode) {
  if (mode === 'rotating' && doc === 'jwks') {
    r.keys = [newKey(), r.keys[0]];
    mode = 'ok';
  }
  if (mode === 'flap') {
    mode = r.flap[doc]++ % 2 === 0 ? '500' : 'ok';
  }
  count(r, doc, mode);
  const value = () => (doc === 'jwks' ? jwksDocument(r) : discoveryDocument(req, r));
  switch (mode) {
    case 'ok':
    case 'rotating':
      return sendJson(res, 200, value());
    case 'hang':
      return; // never answers; the socket stays open until the client gives up or the server stops
    case 'slow':
      return later(r.delayMs, () => !res.destroyed && sendJson(res, 200, value()));
    case 'slow-body': {
      const body = Buffer.from(JSON.stringify(value()));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      let i = 0;
      const tick = () => {
        if (res.destroyed || i >= body.length - 1) return; // never sends the last byte
        res.write(body.subarray(i, i + 1));
        i++;
        later(r.trickleMs, tick);
      };
      return tick();
    }
    case 'reset': {
      const body = Buffer.from(JSON.stringify(value()));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.write(body.subarray(0, body.length >> 1), () => later(20, () => req.socket.resetAndDestroy()));
      return;
    }
    case 'endless': {
      res.writeHead(200, { 'content-type': 'application/json' }); // chunked, no length
      res.write('{"issuer":"');
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (!res.destroyed && sent < 4 * 1024 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
      };
      res.on('close', () => res.removeAllListeners('drain'));
      return pump();
    }
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>');
    case 'wrong-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"issuer": "half an object", "jwks_uri": ');
    case '500':
      res.writeHead(500, { 'content-type': 'text/plain' });
      return res.end('Internal Server Error');
    case 'redirect':
      res.writeHead(302, { location: `${base(req)}${req.url.replace(/^\/fault\/[^/]+/, '')}` });
      return res.end();
    case 'huge': {
      const v = value();
      v.padding = 'x'.repeat(2 * 1024 * 1024);
      return sendJson(res, 200, v);
    }
    default:
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end(`unknown mode ${mode}`);
  }
}

async function readJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length === 0 ? {} : JSON.parse(text);
}

function b64url(value) {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

async function admin(req, res, url) {
  if (url.pathname === '/__admin/health') {
    return sendJson(res, 200, { realms: [...realms.keys()] });
  }
  const m = url.pathname.match(/^\/__admin\/realms\/([^/]+)\/([a-z-]+)$/);
  if (!m) return sendJson(res, 404, { error: 'unknown admin route' });
  const r = realm(decodeURIComponent(m[1]));
  const action = m[2];
  if (action === 'faults' && req.method === 'POST') {
    const body = await readJson(req);
    for (const doc of ['discovery', 'jwks']) {
      if (body[doc] !== undefined) {
        if (!MODES.has(body[doc])) return sendJson(res, 400, { error: `unknown mode ${body[doc]}` });
        r.modes[doc] = body[doc];
      }
    }
    if (body.delayMs !== undefined) r.delayMs = Number(body.delayMs);
    if (body.trickleMs !== undefined) r.trickleMs = Number(body.trickleMs);
    return sendJson(res, 200, { modes: r.modes, delayMs: r.delayMs, trickleMs: r.trickleMs });
  }
  if (action === 'rotate-keys' && req.method === 'POST') {
    const dropOld = url.searchParams.get('drop-old') === 'true';
    r.keys = dropOld ? [newKey()] : [newKey(), ...r.keys].slice(0, 3);
    return sendJson(res, 200, { signingKid: r.keys[0].kid, publishedKids: r.keys.map((k) => k.kid) });
  }
  if (action === 'sign' && req.method === 'POST') {
    const body = await readJson(req);
    const key = body.signWith === undefined ? r.keys[0] : r.keys.find((k) => k.kid === body.signWith);
    if (!key) return sendJson(res, 400, { error: `no published key ${body.signWith}` });
    const header = { alg: 'RS256', typ: 'JWT', kid: key.kid, ...(body.header ?? {}) };
    for (const name of body.unset ?? []) delete header[name];
    const hash = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' }[header.alg];
    if (!hash) return sendJson(res, 400, { error: `cannot sign ${header.alg}` });
    const input = `${b64url(header)}.${b64url(body.rawClaims ?? body.claims ?? {})}`;
    const signature = sign(hash, Buffer.from(input), key.privateKey).toString('base64url');
    return sendJson(res, 200, { token: `${input}.${signature}`, kid: key.kid });
  }
  if (action === 'add-key' && req.method === 'POST') {
    const body = await readJson(req);
    const key = newKey(Number(body.bits ?? 2048));
    r.keys = [...r.keys, key];
    return sendJson(res, 200, { kid: key.kid, publishedKids: r.keys.map((k) => k.kid) });
  }
  if (action === 'document' && req.method === 'POST') {
    r.documentOverrides = { ...r.documentOverrides, ...(await readJson(req)) };
    return sendJson(res, 200, discoveryDocument(req, r));
  }
  if (action === 'stats' && req.method === 'GET') {
    return sendJson(res, 200, { ...r.stats, signingKid: r.keys[0].kid, publishedKids: r.keys.map((k) => k.kid) });
  }
  if (action === 'reset-stats' && req.method === 'POST') {
    r.stats = { discovery: 0, jwks: 0, answered: {} };
    r.flap = { discovery: 0, jwks: 0 };
    return sendJson(res, 200, r.stats);
  }
  return sendJson(res, 404, { error: 'unknown admin route' });
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname.startsWith('/__admin/')) return await admin(req, res, url);
    const m = url.pathname.match(/^(?:\/fault\/([^/]+))?\/realms\/([^/]+)\/(\.well-known\/openid-configuration|protocol\/openid-connect\/certs)$/);
    if (!m || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('Not Found');
    }
    const r = realm(decodeURIComponent(m[2]));
    const doc = m[3].startsWith('.well-known') ? 'discovery' : 'jwks';
    const mode = m[1] ?? r.modes[doc];
    if (!MODES.has(mode)) return sendJson(res, 400, { error: `unknown mode ${mode}` });
    return serveDocument(req, res, r, doc, mode);
  } catch (error) {
    process.stderr.write(`fault-server: ${error.stack ?? error}\n`);
    if (!res.headersSent) sendJson(res, 500, { error: String(error) });
    else res.destroy();
  }
});

server.keepAliveTimeout = 1000;
server.requestTimeout = 0; // 'hang' and 'slow-body' must be able to outlast any client timeout
server.headersTimeout = 10000;
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
server.on('clientError', (_err, socket) => socket.destroy());

function stop() {
  for (const t of timers) clearTimeout(t);
  for (const s of sockets) s.destroy();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}

process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`READY http://127.0.0.1:${server.address().port}\n`);
});
