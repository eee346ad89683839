// jsdom offers crypto.getRandomValues but not crypto.subtle; give tests the
// WebCrypto that Node itself ships, which is what the CLI uses at run time.
const { webcrypto } = require('crypto');

if (!globalThis.crypto || !globalThis.crypto.subtle) {
  Object.defineProperty(globalThis, 'crypto', {
    value: webcrypto,
    configurable: true
  });
}
