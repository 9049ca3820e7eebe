/**
 * Authentication for the OSS/OBS HTTP API: eight signature schemes behind one
 * `authenticate(req, target)`, credential stores, and a per-caller rate limiter.
 * Web-standard only; the Node-only file-backed credential store is `./node-credentials-file.ts`
 * (import it from Node-only code such as `serve/node.ts`).
 * @module
 */
export { createAuthenticator } from './authenticator.js'
export type {
  Authenticate,
  AuthenticatedCaller,
  AuthenticatorOptions,
  AnonymousCaller,
  AuthDialect,
  AuthScheme,
  AuthTarget,
  Caller,
} from './types.js'
export {
  chainCredentialStores,
  createEnvCredentialStore,
  createMemoryCredentialStore,
  ENV_ACCESS_KEY_ID,
  ENV_ACCESS_KEY_SECRET,
  type Credential,
  type CredentialStore,
} from './credentials.js'
export { OSS_V1_SUBRESOURCES } from './oss-v1.js'
export { OBS_V2_SUBRESOURCES } from './obs-v2.js'
export { createRateLimiter, rateLimitKey, type RateLimiter, type RateLimiterOptions, type RateDecision } from './rate-limiter.js'
