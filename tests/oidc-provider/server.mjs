// A real OpenID provider (oidc-provider, OpenID Certified) dressed up as a Keycloak realm, for the
// integration and end-to-end tests. Loopback only; test accounts and keys are made up on each start.
//
//   node server.mjs --port 0 --redirect-uri http://127.0.0.1:8080/oauth/callback/kestra \
//                   --post-logout-redirect-uri http://127.0.0.1:8080/logout
//
// Prints `READY <issuer>` on stdout once it listens. See README.md for the routes.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { parseArgs } from 'node:util';

import Provider, { errors } from 'oidc-provider';
// oidc-provider's own in-memory adapter, but one store for every Provider instance (see buildProvider).
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

const HOST = '127.0.0.1';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    realm: { type: 'string', default: 'kestra' },
    'client-id': { type: 'string', default: 'kestra' },
    'client-secret': { type: 'string', default: 'kestra-secret' },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
    'post-logout-redirect-uri': { type: 'string', multiple: true, default: [] },
    // OIDC Back-Channel Logout: where the provider POSTs a logout token when the user logs out.
    'backchannel-logout-uri': { type: 'string' },
    // Keycloak's per-client "Consent Required" switch; off by default, as in Keycloak.
    'require-consent': { type: 'boolean', default: false },
  },
  strict: true,
});

// Resource servers (RFC 8707) for Keycloak-like JWT access tokens: `kestra-api` carries the roles like a
// Keycloak access token with an Audience mapper; `kestra-api-light` carries none, like Keycloak 24+'s
// lightweight access tokens (the roles stay available through introspection).
// Resource indicators must be absolute URIs; the audience is the name, as Keycloak's Audience mapper writes it.
const RESOURCE_SERVERS = new Map([['urn:kestra-api', 'kestra-api'], ['urn:kestra-api-light', 'kestra-api-light']]);
const LIGHTWEIGHT_RESOURCE = 'kestra-api-light';
// A confidential client for the client-credentials grant (a Keycloak service account).
const SERVICE_CLIENT_ID = 'kestra-service';
const SERVICE_CLIENT_SECRET = 'kestra-service-secret';
const SERVICE_ROLES = ['Reporter'];

const port = Number.parseInt(args.port, 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  fail(`--port must be an integer between 0 and 65535, got '${args.port}'`);
}

const mountPath = `/realms/${args.realm}`;
const clientId = args['client-id'];
const redirectUris = args['redirect-uri'].length > 0
  ? args['redirect-uri']
  : [`http://localhost:8080/oauth/callback/${clientId}`];
const postLogoutRedirectUris = args['post-logout-redirect-uri'].length > 0
  ? args['post-logout-redirect-uri']
  : ['http://localhost:8080/logout'];

const backchannelLogoutUri = args['backchannel-logout-uri'];

for (const [option, uris] of [
  ['--redirect-uri', redirectUris],
  ['--post-logout-redirect-uri', postLogoutRedirectUris],
  ['--backchannel-logout-uri', backchannelLogoutUri ? [backchannelLogoutUri] : []],
]) {
  for (const uri of uris) {
    let parsed;
    try {
      parsed = new URL(uri);
    } catch {
      fail(`${option} '${uri}' is not an absolute URL`);
    }
    if (!['http:', 'https:'].includes(parsed.protocol) || parsed.hash || uri.includes('#')) {
      fail(`${option} '${uri}' must be an http(s) URL without a fragment`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Accounts: Keycloak-shaped claims. bob has no kestra client roles and no groups, so a Kestra
// host falls back to its default role for him.
// ---------------------------------------------------------------------------------------------

const accounts = new Map([
  ['alice', {
    password: 'alice',
    sub: '4c3f0e7a-6d1b-4b8e-9a55-0a11ce000001',
    claims: {
      preferred_username: 'alice',
      name: 'Alice Admin',
      given_name: 'Alice',
      family_name: 'Admin',
      email: 'alice@example.test',
      email_verified: true,
      resource_access: {
        [clientId]: { roles: ['Admins', 'Developers'] },
        account: { roles: ['manage-account'] },
      },
      realm_access: { roles: ['offline_access', 'uma_authorization'] },
      groups: [`/${args.realm}/admins`, `/${args.realm}/developers`],
    },
  }],
  ['bob', {
    password: 'bob',
    sub: '4c3f0e7a-6d1b-4b8e-9a55-000000000b0b',
    claims: {
      preferred_username: 'bob',
      name: 'Bob Builder',
      given_name: 'Bob',
      family_name: 'Builder',
      email: 'bob@example.test',
      email_verified: false,
      resource_access: {
        account: { roles: ['manage-account'] },
      },
      realm_access: { roles: ['offline_access', 'uma_authorization'] },
    },
  }],
]);

const accountsBySub = new Map([...accounts.values()].map((a) => [a.sub, a]));

function findAccount(_ctx, sub) {
  const account = accountsBySub.get(sub);
  if (!account) {
    return undefined;
  }
  return {
    accountId: sub,
    async claims(use) {
      // Keycloak marks its ID tokens with typ "ID" (access tokens "Bearer", refresh "Refresh").
      return use === 'id_token'
        ? { sub, typ: 'ID', ...account.claims }
        : { sub, ...account.claims };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Signing keys. Newest first: oidc-provider signs with the first matching RS256 key and publishes
// every key in the JWKS.
// ---------------------------------------------------------------------------------------------

let keyGeneration = 0;
let signingKeys = [newSigningKey()];
const MAX_PUBLISHED_KEYS = 5;

function newSigningKey() {
  keyGeneration += 1;
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `kestra-rs256-${keyGeneration}-${crypto.randomBytes(6).toString('base64url')}`;
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

const sharedAdapter = createMemoryAdapter();

// Cookie keys outlive provider rebuilds, so browser cookies stay valid across key rotation.
const cookieKeys = [crypto.randomBytes(32).toString('base64url')];

// ---------------------------------------------------------------------------------------------
// Pages. Plain HTML forms, no scripts or styles from elsewhere (the tests have no Internet).
// ---------------------------------------------------------------------------------------------

function escapeHtml(value) {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(title)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <style>body{font-family:sans-serif;max-width:24rem;margin:3rem auto}label,input,button{display:block;width:100%;margin:.3rem 0}.error{color:#b00020}</style>
</head>
<body>
  <h1 id="kc-page-title">${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
}

function loginPage(uid, { login = '', error } = {}) {
  const message = error ? `  <p class="error" id="input-error">${escapeHtml(error)}</p>\n` : '';
  return page('Sign in to your account', `${message}  <form id="kc-form-login" method="post" action="${mountPath}/interaction/${escapeHtml(uid)}/login">
    <label for="login">Username or email</label>
    <input id="login" name="login" type="text" autocomplete="username" autofocus value="${escapeHtml(login)}">
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password">
    <button id="kc-login" type="submit" name="login-submit" value="Sign In">Sign In</button>
  </form>`);
}

function consentPage(uid, clientName, scopes) {
  const items = scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return page('Grant access', `  <p>${escapeHtml(clientName)} wants to access:</p>
  <ul>${items}</ul>
  <form id="kc-oauth" method="post" action="${mountPath}/interaction/${escapeHtml(uid)}/confirm">
    <button id="kc-login" type="submit" name="accept" value="yes">Yes</button>
  </form>`);
}

async function logoutSource(ctx, form) {
  // `form` is oidc-provider's own form (action + xsrf); put the confirm button inside it.
  // Keycloak 18+ asks nothing when a valid id_token_hint came along; a browser auto-submits here
  // in that case, an HTTP client submits the form itself. The script submits through the button, as
  // a click would: without `logout=yes` oidc-provider only signs the client out and keeps the session.
  const button = '<button id="kc-logout" type="submit" name="logout" value="yes">Logout</button>';
  const autoSubmit = ctx.oidc.params.id_token_hint
    ? '\n  <script>document.forms[0].requestSubmit(document.getElementById(\'kc-logout\'));</script>'
    : '';
  ctx.body = page('Logging out', `  <p>Do you want to log out?</p>
  ${form.replace('</form>', `${button}</form>`)}${autoSubmit}`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = page('You are logged out', '  <p id="kc-logged-out">You are logged out.</p>');
}

async function renderError(ctx, out) {
  ctx.type = 'html';
  const lines = Object.entries(out)
    .map(([k, v]) => `  <p><strong>${escapeHtml(k)}</strong>: <span class="${escapeHtml(k)}">${escapeHtml(v)}</span></p>`)
    .join('\n');
  ctx.body = page('We are sorry...', lines);
}

// ---------------------------------------------------------------------------------------------
// The provider. Rebuilt (same issuer, clients, accounts, cookie keys) whenever the keys change;
// sessions, interactions, grants, codes and refresh tokens live in one shared memory store and
// survive a rebuild.
// ---------------------------------------------------------------------------------------------

function configuration() {
  return {
    clients: [{
      client_id: clientId,
      client_secret: args['client-secret'],
      client_name: 'Kestra',
      redirect_uris: redirectUris,
      post_logout_redirect_uris: postLogoutRedirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code', 'refresh_token'],
      // client_secret_post is accepted as well: oidc-provider treats the two as interchangeable.
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
      require_auth_time: true, // Keycloak always sends auth_time
      // Keycloak's "Backchannel logout URL" with "Backchannel logout session required" on (its default).
      ...(backchannelLogoutUri
        ? { backchannel_logout_uri: backchannelLogoutUri, backchannel_logout_session_required: true }
        : {}),
    }, {
      client_id: SERVICE_CLIENT_ID,
      client_secret: SERVICE_CLIENT_SECRET,
      client_name: 'Kestra service account',
      redirect_uris: [],
      response_types: [],
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: signingKeys.map((k) => ({ ...k })) },
    cookies: { keys: cookieKeys },
    adapter: sharedAdapter,
    findAccount,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'roles'],
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub', 'typ'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      email: ['email', 'email_verified'],
      roles: ['resource_access', 'realm_access', 'groups'],
    },
    // Keycloak puts the scope claims in the ID token too, not only in userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // Keycloak issues a refresh token with every code exchange.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    loadExistingGrant,
    // Keycloak's endpoint paths, so URLs look the same as against a real realm.
    routes: {
      authorization: '/protocol/openid-connect/auth',
      token: '/protocol/openid-connect/token',
      userinfo: '/protocol/openid-connect/userinfo',
      jwks: '/protocol/openid-connect/certs',
      end_session: '/protocol/openid-connect/logout',
      revocation: '/protocol/openid-connect/revoke',
      introspection: '/protocol/openid-connect/token/introspect',
    },
    interactions: { url: async (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      revocation: { enabled: true },
      introspection: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // The token endpoint issues the access token for the resource granted at the authorization endpoint.
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resourceIndicator) => {
          if (!RESOURCE_SERVERS.has(resourceIndicator)) {
            throw new errors.InvalidTarget();
          }
          return {
            scope: 'openid profile email roles',
            audience: RESOURCE_SERVERS.get(resourceIndicator),
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      backchannelLogout: { enabled: true },
    },
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    extraTokenClaims,
    formats: { customizers: { jwt: lightweightJwt } },
    // Outgoing calls (back-channel logout) go to the apps under test on 127.0.0.1, which oidc-provider's SSRF guard
    // refuses; this provider calls loopback only, and nothing else.
    fetch: async (url, options) => {
      if (new URL(url).hostname !== HOST) {
        throw new Error(`refusing to call ${url}: the test provider calls ${HOST} only`);
      }
      const { dispatcher: _ssrfGuard, ...rest } = options;
      return globalThis.fetch(url, rest);
    },
    renderError,
    ttl: {
      AccessToken: 300,
      AuthorizationCode: 60,
      IdToken: 300,
      RefreshToken: 1800,
      Interaction: 600,
      Session: 36000,
      Grant: 36000,
    },
  };
}

// Keycloak's access-token claims: typ Bearer, azp, and the same roles as the ID token (its mappers'
// "Add to access token" and "Add to token introspection" switches are on by default). They land in
// JWT access tokens and in introspection answers for opaque ones.
async function extraTokenClaims(_ctx, token) {
  if (token.kind === 'ClientCredentials') {
    return {
      typ: 'Bearer',
      azp: token.clientId,
      resource_access: { [clientId]: { roles: SERVICE_ROLES } },
    };
  }
  const account = token.accountId ? accountsBySub.get(token.accountId) : undefined;
  if (!account) {
    return undefined;
  }
  const { resource_access: resourceAccess, realm_access: realmAccess, groups, preferred_username: username } = account.claims;
  return {
    typ: 'Bearer',
    azp: token.clientId,
    // Keycloak puts the session id in access tokens too: a back-channel logout of that session refuses them.
    ...(token.sid ? { sid: token.sid } : {}),
    preferred_username: username,
    resource_access: resourceAccess,
    realm_access: realmAccess,
    ...(groups ? { groups } : {}),
  };
}

// Keycloak introspects its own JWT access tokens; oidc-provider refuses to. The claims of every JWT access
// token issued are kept here by jti, for the Keycloak-like introspection route below (`/__jwt-introspect`).
const jwtAccessTokenClaims = new Map();

// Keycloak 24+ lightweight access tokens: no role or group claims in the JWT itself.
async function lightweightJwt(_ctx, token, jwt) {
  jwtAccessTokenClaims.set(jwt.payload.jti, { ...jwt.payload });
  if (token.resourceServer?.audience === LIGHTWEIGHT_RESOURCE) {
    delete jwt.payload.resource_access;
    delete jwt.payload.realm_access;
    delete jwt.payload.groups;
  }
}

// Keycloak does not ask for consent unless the client says so: grant whatever is asked, silently.
async function loadExistingGrant(ctx) {
  const grantId = ctx.oidc.result?.consent?.grantId
    || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
  const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
  if (args['require-consent']) {
    return existing;
  }
  const grant = existing ?? new ctx.oidc.provider.Grant({
    clientId: ctx.oidc.client.clientId,
    accountId: ctx.oidc.session.accountId,
  });
  grant.addOIDCScope(ctx.oidc.params.scope ?? 'openid');
  for (const resource of [ctx.oidc.params.resource ?? []].flat()) {
    grant.addResourceScope(resource, ctx.oidc.params.scope ?? 'openid');
  }
  await grant.save();
  return grant;
}

function buildProvider(issuer) {
  const provider = new Provider(issuer, configuration());
  // Keycloak puts `sid` in every ID token; oidc-provider only does so for clients registered for
  // back-channel logout with session_required. Pretend ours is, without a back-channel URI to call.
  provider.Client.prototype.includeSid = () => true;
  provider.on('server_error', (_ctx, err) => console.error('server_error', err));
  provider.on('backchannel.success', (_ctx, client) => console.error(`backchannel logout delivered to ${client.backchannelLogoutUri}`));
  provider.on('backchannel.error', (_ctx, err, client) => console.error(`backchannel logout to ${client.backchannelLogoutUri} failed: ${err.message}`));
  return { provider, callback: provider.callback() };
}

// ---------------------------------------------------------------------------------------------
// HTTP: /realms/{realm}/interaction/* (login pages), /realms/{realm}/* (oidc-provider),
// /__admin/* (test control, loopback only).
// ---------------------------------------------------------------------------------------------

let current;
let issuer;

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 64 * 1024) {
      throw Object.assign(new Error('request body too large'), { status: 413 });
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, contentType, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

function sendJson(res, status, value) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function handleInteraction(req, res, rest) {
  const { provider } = current;
  const [, , uid, action] = rest.split('/'); // '/interaction/{uid}[/{action}]'
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    send(res, 400, 'text/html; charset=utf-8', page('We are sorry...', '  <p class="error">This page has expired.</p>'));
    return;
  }
  const { prompt, params } = details;

  if (req.method === 'GET' && action === undefined) {
    if (prompt.name === 'login') {
      send(res, 200, 'text/html; charset=utf-8', loginPage(uid, { login: params.login_hint ?? '' }));
      return;
    }
    const client = await provider.Client.find(params.client_id);
    send(res, 200, 'text/html; charset=utf-8',
      consentPage(uid, client?.clientName ?? params.client_id, String(params.scope ?? '').split(' ')));
    return;
  }

  if (req.method === 'POST' && action === 'login' && prompt.name === 'login') {
    const form = await readForm(req);
    const login = form.get('login') ?? '';
    const account = accounts.get(login);
    if (!account || account.password !== (form.get('password') ?? '')) {
      send(res, 200, 'text/html; charset=utf-8',
        loginPage(uid, { login, error: 'Invalid username or password.' }));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false });
    return;
  }

  if (req.method === 'POST' && action === 'confirm' && prompt.name === 'consent') {
    await readForm(req);
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) {
      grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    }
    if (prompt.details.missingOIDCClaims) {
      grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } },
      { mergeWithLastSubmission: true });
    return;
  }

  send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
}

// RFC 7662 for JWT access tokens, as Keycloak answers it: client_secret_basic of the client `kestra`,
// the token's full claims (roles included, even for lightweight tokens) while it has not expired.
async function handleJwtIntrospection(req, res) {
  const expected = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(args['client-secret'])}`).toString('base64')}`;
  const form = await readForm(req);
  if (req.headers.authorization !== expected) {
    sendJson(res, 401, { error: 'invalid_client' });
    return;
  }
  const token = form.get('token') ?? '';
  let jti;
  try {
    jti = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).jti;
  } catch {
    jti = undefined;
  }
  const claims = jti === undefined ? undefined : jwtAccessTokenClaims.get(jti);
  if (!claims || claims.exp * 1000 <= Date.now()) {
    sendJson(res, 200, { active: false });
    return;
  }
  const account = accountsBySub.get(claims.sub);
  sendJson(res, 200, {
    ...claims,
    ...(account ? { resource_access: account.claims.resource_access, realm_access: account.claims.realm_access } : {}),
    ...(claims.client_id === SERVICE_CLIENT_ID ? { resource_access: { [clientId]: { roles: SERVICE_ROLES } } } : {}),
    active: true,
  });
}

function isLoopback(address) {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

async function handleAdmin(req, res, url) {
  if (!isLoopback(req.socket.remoteAddress)) {
    sendJson(res, 403, { error: 'admin routes are loopback-only' });
    return;
  }
  const kids = () => signingKeys.map((k) => k.kid);

  if (url.pathname === '/__admin/health' && req.method === 'GET') {
    sendJson(res, 200, { status: 'ok', issuer, signingKid: signingKeys[0].kid, publishedKids: kids() });
    return;
  }

  if (url.pathname === '/__admin/rotate-keys' && req.method === 'POST') {
    const dropOld = url.searchParams.get('drop-old') === 'true';
    const fresh = newSigningKey();
    signingKeys = dropOld ? [fresh] : [fresh, ...signingKeys].slice(0, MAX_PUBLISHED_KEYS);
    current = buildProvider(issuer);
    console.error(`rotated keys: signing with ${fresh.kid}, publishing ${kids().join(', ')}`);
    sendJson(res, 200, { signingKid: fresh.kid, publishedKids: kids() });
    return;
  }

  sendJson(res, 404, { error: 'unknown admin route' });
}

async function handle(req, res) {
  const url = new URL(req.url, `http://${HOST}`);

  if (url.pathname.startsWith('/__admin/')) {
    await handleAdmin(req, res, url);
    return;
  }

  if (!current) {
    send(res, 503, 'text/plain; charset=utf-8', 'starting');
    return;
  }

  if (url.pathname === `${mountPath}/__jwt-introspect` && req.method === 'POST') {
    await handleJwtIntrospection(req, res);
    return;
  }

  if (url.pathname === mountPath || url.pathname.startsWith(`${mountPath}/`)) {
    const rest = req.url.slice(mountPath.length) || '/';
    if (url.pathname.startsWith(`${mountPath}/interaction/`)) {
      await handleInteraction(req, res, url.pathname.slice(mountPath.length));
      return;
    }
    // Mounted under the realm path: oidc-provider reads the mount path from originalUrl - url.
    req.originalUrl = req.url;
    req.url = rest;
    await current.callback(req, res);
    return;
  }

  send(res, 404, 'text/plain; charset=utf-8', 'not found');
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    const status = err.status ?? err.statusCode ?? 500;
    if (status >= 500) {
      console.error(err);
    }
    if (!res.headersSent) {
      send(res, status, 'text/html; charset=utf-8',
        page('We are sorry...', `  <p class="error">${escapeHtml(err.error_description ?? err.message)}</p>`));
    } else {
      res.end();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Life cycle.
// ---------------------------------------------------------------------------------------------

function fail(message) {
  console.error(`oidc-provider test server: ${message}`);
  process.exit(2);
}

let stopping = false;
function stop(reason) {
  if (stopping) {
    return;
  }
  stopping = true;
  console.error(`stopping (${reason})`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}

process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

// When started with a pipe on stdin (as the test fixture does), its closing means the parent is
// gone: exit rather than linger. A terminal or /dev/null on stdin is not watched, so the server
// can be run by hand or in the background.
const stdinStat = fs.fstatSync(0);
if (stdinStat.isFIFO() || stdinStat.isSocket()) {
  process.stdin.on('end', () => stop('stdin closed'));
  process.stdin.on('error', () => stop('stdin error'));
  process.stdin.resume();
}

server.on('error', (err) => fail(err.message));
server.listen(port, HOST, () => {
  issuer = `http://${HOST}:${server.address().port}${mountPath}`;
  current = buildProvider(issuer);
  process.stdout.write(`READY ${issuer}\n`);
});
