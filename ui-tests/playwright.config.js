/**
 * Galata configuration: Debian's Chromium (Playwright cannot download its
 * own browsers here), no video (no ffmpeg), one worker on two cores.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

// NBPROJECT_TEST_PORT lets several test runs share a machine (default 8888).
const port = process.env.NBPROJECT_TEST_PORT || '8888';

module.exports = {
  ...baseConfig,
  // README screenshots (`make screenshots`) are not tests: a separate folder.
  testDir: process.env.NBPROJECT_SCREENSHOTS ? './screenshots' : './tests',
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60 * 1000,
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PW_JSON_OUTPUT || '../.results/playwright.json' }]
  ],
  use: {
    ...baseConfig.use,
    baseURL: `http://localhost:${port}`,
    video: 'off',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  },
  webServer: {
    command: 'npm run start',
    url: `http://localhost:${port}/lab`,
    timeout: 120 * 1000,
    reuseExistingServer: !process.env.CI
  }
};
