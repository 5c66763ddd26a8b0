// A test OpenID Provider for Portcullis' end-to-end tests: panva oidc-provider with the corp users and
// clients. It issues RFC 9068 access tokens (typ at+jwt), which is why it is worth a second provider.
// PORT=0 picks a free port; the "READY <issuer>" line on stdout says where it listens.
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

const USERS = {
  alice: { password: 'alice-password', email: 'alice@corp.example', groups: ['admins'],
    device: { id: 'laptop-alice', compliant: true, managed: true, patch_age_days: 3 } },
  bob: { password: 'bob-password', email: 'bob@corp.example', groups: ['staff'],
    device: { id: 'laptop-bob', compliant: false, managed: true, patch_age_days: 45 } },
};
const RESOURCE = 'urn:portcullis';
const AT_ALG = process.env.AT_ALG || 'RS256';

function signingKey(type, options, alg) {
  const jwk = crypto.generateKeyPairSync(type, options).privateKey.export({ format: 'jwk' });
  return { ...jwk, alg, use: 'sig', kid: `${alg.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}` };
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, error) {
  return `<!doctype html><title>Sign in</title>${error ? `<p id="error">${escapeHtml(error)}</p>` : ''}
<form id="login" method="post" action="/interaction/${escapeHtml(uid)}/login">
<input name="username"><input name="password" type="password"><button>Sign in</button></form>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

// The listening port decides the issuer, so listen first and hand requests over once the provider exists.
let handle = (req, res) => { res.writeHead(503); res.end(); };
const server = http.createServer((req, res) => handle(req, res));
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  // Native clients: RFC 8252 lets a loopback redirect URI use any port, and the proxy's port is random.
  const nativeClient = { application_type: 'native', redirect_uris: ['http://127.0.0.1/.portcullis/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/public/bye'], response_types: ['code'] };
  const provider = new Provider(issuer, {
    clients: [
      { ...nativeClient, client_id: 'portcullis-web', token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'] },
      { ...nativeClient, client_id: 'portcullis', client_secret: 'portcullis-secret',
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'] },
    ],
    jwks: { keys: [signingKey('rsa', { modulusLength: 2048 }, 'RS256'),
      signingKey('ec', { namedCurve: 'P-256' }, 'ES256')] },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    // Scope claims in the ID token too: Portcullis' session is built from the ID token.
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['groups', 'device'] },
    findAccount: (ctx, id) => USERS[id] && {
      accountId: id,
      claims: () => ({ sub: id, email: USERS[id].email, email_verified: true, groups: USERS[id].groups,
        device: USERS[id].device }),
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      // Without a resource server the access tokens are opaque; with it they are JWTs for "portcullis".
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'api', audience: 'portcullis', accessTokenFormat: 'jwt',
          jwt: { sign: { alg: AT_ALG } } }),
      },
    },
    extraTokenClaims: async (ctx, token) => {
      const user = USERS[token.accountId];
      if (!user) return undefined;
      const source = ctx.oidc.entities.AuthorizationCode || ctx.oidc.entities.RefreshToken;
      return { email: user.email, groups: user.groups, device: user.device,
        amr: source?.amr, acr: source?.acr, auth_time: source?.authTime };
    },
  });
  const providerCallback = provider.callback();

  async function interaction(req, res, uid, submitted) {
    const details = await provider.interactionDetails(req, res);
    if (!submitted) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(loginPage(details.uid));
    }
    const form = await readForm(req);
    const name = form.get('username');
    const user = Object.hasOwn(USERS, name) ? USERS[name] : undefined;
    if (!user || user.password !== form.get('password')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(loginPage(details.uid, 'Invalid username or password.'));
    }
    // Native clients always get a consent prompt: grant what was asked right here.
    const grant = new provider.Grant({ accountId: name, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const missing = details.prompt.details.missingResourceScopes || {};
    for (const [resource, scopes] of Object.entries(missing)) grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, {
      login: { accountId: name, amr: ['pwd'], acr: 'urn:portcullis:pwd' },
      consent: { grantId },
    }, { mergeWithLastSubmission: false });
  }

  handle = (req, res) => {
    const match = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url);
    if (!match) return providerCallback(req, res);
    return interaction(req, res, match[1], Boolean(match[2]) && req.method === 'POST').catch((error) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`interaction failed: ${error.message}`);
    });
  };
  console.log(`READY ${issuer}`);
});
