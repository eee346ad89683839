// jsdom offers crypto.getRandomValues but not crypto.subtle; give tests the
// WebCrypto that Node itself ships, which is what the CLI uses at run time.
const { webcrypto } = require('crypto');

if (!globalThis.crypto || !globalThis.crypto.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
}

// The core takes its Python parser from the caller (JupyterLab's CodeMirror
// in the browser, @lezer/python in Node): give it the package's, as the CLI does.
require('../src/core/python/parser').setPythonParser(require('@lezer/python').parser);
