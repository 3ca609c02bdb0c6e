// Import boundaries of the house, checked by `npm run lint` (`depcruise --config .dependency-cruiser.cjs ...`).
// The layers and where each kind of code goes are described in ARCHITECTURE.md ("Layers").
const SERVER = '^apps/server/src/';
/** Tests may wire anything together; the rules hold for the code that ships. */
const TESTS = '(\\.test\\.tsx?$|^apps/server/test/|/e2e/)';

/** Foundations: never import a module (`modules/*`) nor the composition root. */
const FOUNDATIONS = [
  'db/',
  'lib/',
  'config\\.ts$',
  'secrets\\.ts$',
  'http/',
  'settings/',
  'audit/',
  'jobs/',
  'events/',
  'integrations/',
];

/**
 * The composition root: wires everything, imported by nobody but itself and the entry points. `wiring/` holds one file
 * per module (or group) that builds its services; only `container.ts` (and other wiring files) import them.
 */
const ROOT = ['main\\.ts$', 'app\\.ts$', 'container\\.ts$', 'job-list\\.ts$', 'scripts/', 'wiring/'];

/**
 * What each module offers other modules on purpose. An import of any other file of a module from outside it fails the
 * lint; a module that is not listed offers nothing. Add a file here when another module really needs it (its public
 * surface is then visible in one place); routes are never on the list.
 */
const PUBLIC = {
  auth: [
    'auth.guard',
    'auth.authenticator',
    'auth.bridge',
    'auth.library',
    'auth.presenter',
    'auth.repo',
    'auth.schemas',
    'auth.service',
    'auth.tokens',
    'passwords',
    'password-hashing',
    'permissions',
  ],
  account: ['ssh-keys.repo'],
  notifications: ['mail.service', 'templates/index', 'notifications.service', 'in-app'],
  catalog: ['catalog.repo', 'pricing'],
  orders: [
    'orders.state',
    'orders.repo',
    'orders.service',
    'orders.schemas',
    'orders.policy',
    'orders.notes',
  ],
  vps: ['vps.errors', 'vps.presenter', 'vps.repo', 'vps.schemas', 'vps.service', 'vps.policy'],
  payments: ['gateways', 'payments.service', 'payments.schemas'],
  billing: ['billing.policy', 'billing.compute', 'billing.i18n'],
  reports: ['reports.service', 'ledger.sql'],
  dashboard: ['dashboard.service'],
};

const either = (list) => `(${list.join('|')})`;
const publicFiles = Object.entries(PUBLIC).map(
  ([module, files]) =>
    `${SERVER}modules/${module}/${either(files.map((f) => f.replace(/\./g, '\\.')))}\\.ts$`,
);

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Files must not import each other in a loop (type-only imports included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'foundations-never-import-modules',
      comment:
        'db, lib, config, http, settings, audit, jobs, events and integrations stand below every module.',
      severity: 'error',
      from: { path: `${SERVER}${either(FOUNDATIONS)}`, pathNot: TESTS },
      to: { path: `${SERVER}(modules/|${either(ROOT)})` },
    },
    {
      name: 'modules-never-import-the-root',
      comment:
        'Modules receive their dependencies; they never reach for the container, the app or the entry point.',
      severity: 'error',
      from: { path: `${SERVER}modules/`, pathNot: TESTS },
      to: { path: `${SERVER}${either(ROOT)}` },
    },
    {
      name: 'wiring-only-from-the-container',
      comment:
        'The per-module wiring files are sequenced by container.ts; nothing else builds services from them.',
      severity: 'error',
      from: { pathNot: [`${SERVER}(container\\.ts$|wiring/)`, TESTS] },
      to: { path: `${SERVER}wiring/` },
    },
    {
      name: 'modules-through-their-public-files',
      comment:
        'A module imports another only through the files it offers on purpose (PUBLIC in .dependency-cruiser.cjs).',
      severity: 'error',
      from: { path: `${SERVER}modules/([^/]+)/`, pathNot: TESTS },
      to: { path: `${SERVER}modules/`, pathNot: [`${SERVER}modules/$1/`, ...publicFiles] },
    },
    {
      name: 'packages-stand-alone',
      comment: 'The Contabo package knows nothing of the apps.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'web-talks-http-only',
      comment:
        'The web app reaches the server over HTTP (types come from the generated OpenAPI file), never by import.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(apps/server|packages)/' },
    },
    {
      name: 'production-never-imports-tests',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { path: TESTS },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/dist/|/migrations/)' },
    tsPreCompilationDeps: true,
    moduleSystems: ['es6', 'cjs'],
  },
};
