/**
 * Galata configuration: Debian's Chromium (Playwright cannot download its
 * own browsers here), no video (no ffmpeg), one worker on two cores.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

// NBPROJECT_TEST_PORT lets several test runs share a machine (default 8888).
const port = process.env.NBPROJECT_TEST_PORT || '8888';
// The collaboration spec runs against a second server with real-time
// collaboration on (jupyter-collaboration); the main server has it off.
// A run on its own NBPROJECT_TEST_PORT gets its own collaborative server
// too (that port + 100), so two runs never share one by accident.
const collabPort =
  process.env.NBPROJECT_COLLAB_PORT ||
  (process.env.NBPROJECT_TEST_PORT ? String(Number(port) + 100) : '8889');
const COLLAB_SPEC = /collaboration\.spec\.ts$/;

/**
 * Which servers this run needs, from the command line (`playwright test
 * [files...] [--project NAME]`): a run of other specs starts no
 * collaborative server, a run of the collaboration spec alone no main one.
 */
function selected(argv) {
  const args = argv.slice(Math.max(0, argv.indexOf('test')) + 1);
  const projects = [];
  args.forEach((arg, i) => {
    if (arg === '--project') {
      projects.push(args[i + 1]);
    } else if (arg.startsWith('--project=')) {
      projects.push(arg.slice('--project='.length));
    }
  });
  const files = args.filter(
    arg => !arg.startsWith('-') && /\.spec|tests[\\/]/.test(arg)
  );
  const wants = (project, isSpec) =>
    (projects.length === 0 || projects.includes(project)) &&
    (files.length === 0 || files.some(isSpec));
  return {
    main: wants('nbproject', file => !/collab/.test(file)),
    // `make screenshots` (NBPROJECT_SCREENSHOTS) has no collaboration spec.
    collaboration:
      !process.env.NBPROJECT_SCREENSHOTS &&
      wants('collaboration', file => /collab/.test(file))
  };
}
const servers = selected(process.argv);

const server = (serverPort, env) => ({
  command: 'npm run start',
  url: `http://localhost:${serverPort}/lab`,
  env: { ...process.env, NBPROJECT_TEST_PORT: serverPort, ...env },
  timeout: 120 * 1000,
  reuseExistingServer: !process.env.CI
});

module.exports = {
  ...baseConfig,
  // README screenshots (`make screenshots`) are not tests: a separate folder.
  testDir: process.env.NBPROJECT_SCREENSHOTS ? './screenshots' : './tests',
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60 * 1000,
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile: process.env.PW_JSON_OUTPUT || '../.results/playwright.json'
      }
    ]
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
  projects: [
    { name: 'nbproject', testIgnore: COLLAB_SPEC },
    {
      name: 'collaboration',
      testMatch: COLLAB_SPEC,
      use: { baseURL: `http://localhost:${collabPort}` }
    }
  ],
  webServer: [
    ...(servers.main ? [server(port, { NBPROJECT_RTC: '0' })] : []),
    ...(servers.collaboration
      ? [server(collabPort, { NBPROJECT_RTC: '1' })]
      : [])
  ]
};
