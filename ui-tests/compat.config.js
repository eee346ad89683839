/**
 * Playwright configuration of the compatibility check (scripts/compat.sh):
 * one short run against a JupyterLab or Notebook 7 server of another Python
 * environment, with the extension installed from the wheel. Plain Playwright
 * rather than Galata: Galata's helpers follow the JupyterLab they were made
 * for, while this run meets older and newer ones.
 */
const app = process.env.NBPROJECT_COMPAT_APP || 'lab';
const bin = process.env.NBPROJECT_COMPAT_BIN;
const port = process.env.NBPROJECT_COMPAT_PORT || '8890';

if (!bin) {
  throw new Error('NBPROJECT_COMPAT_BIN: the bin folder of the environment');
}

module.exports = {
  testDir: './compat',
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 90 * 1000,
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile: process.env.PW_JSON_OUTPUT || '../.results/compat.json'
      }
    ]
  ],
  use: {
    baseURL: `http://localhost:${port}/`,
    video: 'off',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
    }
  },
  webServer: {
    command: `"${bin}/jupyter" ${app} --config compat/jupyter_server_config.py`,
    url: `http://localhost:${port}/${app === 'notebook' ? 'tree' : 'lab'}`,
    env: { ...process.env, NBPROJECT_COMPAT_PORT: port },
    timeout: 120 * 1000,
    reuseExistingServer: false
  }
};
