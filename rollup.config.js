// One rollup config for every package: an ESM build with its dependencies external (for bundlers and npm
// users), and for element packages a standalone bundle with everything inlined and minified, which a legacy
// page loads with one <script type="module">.
import { existsSync, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultStrategy } from '@lit-labs/rollup-plugin-minify-html-literals/lib/strategy.js';
import esbuild from 'rollup-plugin-esbuild';
import { dexieEsm } from './scripts/dexie-esm.mjs';

/** The packages rollup builds, in dependency order; `standalone` names an element package's define entry. */
export const PACKAGES = [
  { name: 'core', entries: ['index'] },
  { name: 'demo-catalog', entries: ['index'] },
  { name: 'hall-client', entries: ['index', 'protocol'] },
  // The hall engine (environment-neutral) and the hall inside one browser (LocalHallClient over IndexedDB).
  { name: 'hall', entries: ['index', 'local'] },
  // The data layer's standalone bundle: what a view module that carries the store adds (Dexie, RxJS included).
  { name: 'store', entries: ['index'], standalone: 'index' },
  // Hall peripherals: voice, ticket printer, identity-card reader, document camera. Before `ui`, whose configuration
  // names the document camera (its declarations need these).
  { name: 'devices', entries: ['index'] },
  { name: 'ui', entries: ['index', 'define'], standalone: 'define' },
  { name: 'queue', entries: ['index', 'define'], standalone: 'define' },
  { name: 'evaluation', entries: ['index', 'define'], standalone: 'define' },
  // The comprehensive window's intake: material check and decision.
  { name: 'intake', entries: ['index', 'define'], standalone: 'define' },
  // The tolerance ledger (容缺台账): open commitments, supplements at any window, reminders, overdue handling.
  { name: 'tolerance', entries: ['index', 'define'], standalone: 'define' },
  // Results at the window (综合窗口出件): hand-over at any window, or posting.
  { name: 'results', entries: ['index', 'define'], standalone: 'define' },
  // The helper desk (帮办代办): the person served, proxy and letter, help log, priority tickets, hand-off to intake.
  { name: 'assist', entries: ['index', 'define'], standalone: 'define' },
  // The cross-province desk (跨省通办): the deciding region and hall, its item and materials, the package, the receipt.
  { name: 'remote-intake', entries: ['index', 'define'], standalone: 'define' },
  // The workstation's shell: the desks as single-spa lifecycles, the clerk's session, the window desk, the status bar.
  // Its standalone bundle is what a host page embeds (the sign-in and the sync status); the desks load their packages on
  // demand (apps/workstation builds them as shared chunks).
  { name: 'shell', entries: ['index', 'define', 'routes', 'modules', 'embed'], standalone: 'embed' },
];

/**
 * Resolves `@yichuang/<pkg>` to its TypeScript sources (what the `yc-source` export condition names), so a
 * standalone bundle needs no earlier build.
 */
export const workspaceSources = () => ({
  name: 'yichuang-workspace-sources',
  resolveId(id) {
    const match = /^@yichuang\/([a-z-]+)(?:\/(.+?))?(?:\.js)?$/.exec(id);
    if (!match) return null;
    const file = resolvePath('packages', match[1], 'src', `${match[2] ?? 'index'}.ts`);
    if (!existsSync(file)) return null;
    return { id: file, moduleSideEffects: sourceHasEffects(file) ? null : false };
  },
});

/**
 * Whether a source module of a workspace package may have side effects, by its package's "sideEffects" (as
 * node-resolve honours it for a published package): for the modules a package entry imports too, not only the entry,
 * so a standalone bundle leaves out the table and schema modules of `@yichuang/core` it does not use.
 */
export function sourceHasEffects(id) {
  const match = /[\\/]packages[\\/]([a-z-]+)[\\/]src[\\/]/.exec(id);
  if (!match) return true;
  const { sideEffects } = JSON.parse(readFileSync(`packages/${match[1]}/package.json`, 'utf8'));
  return Array.isArray(sideEffects)
    ? sideEffects.some((entry) => resolvePath('packages', match[1], entry) === id)
    : sideEffects !== false;
}

/**
 * The template minifier's CSS strategy, mended: it stands for each `${…}` of a css`` template with an at-rule-like
 * placeholder, which LightningCSS ends at the next `;` — swallowing that semicolon when the placeholder ends a value
 * after other words (`border: 2px solid ${token(…)};`), so that the declaration after it was lost in the minified
 * bundle. Every placeholder inside a declaration's value is turned into a plain identifier first (as the minifier does
 * only for a value that is one placeholder); the minifier turns them back.
 */
const templateStrategy = {
  ...defaultStrategy,
  minifyCSS(css, options) {
    let value = css.replace(
      /:\s*@(TEMPLATE_EXPRESSION_*)\(\);/g,
      (match, id) => `${match.slice(0, match.indexOf('@'))}__${id}__`,
    );
    for (let previous; previous !== value;) {
      previous = value;
      value = value.replace(/(:[^;{}]*\S\s+)@(TEMPLATE_EXPRESSION_*)\(\);/g, '$1__$2__');
    }
    return defaultStrategy.minifyCSS(value, options);
  },
};

/** Lit's html`` and css`` templates with their white space removed (terser leaves template strings as they are). */
export const minifyTemplates = () => minifyHtmlLiterals({ options: { strategy: templateStrategy } });

export const minify = () => terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } });

export const onwarn = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
  warn(warning);
};

/**
 * {@link onwarn}, and the template minifier's notes on the css`` it leaves unminified said no more (what `rollup
 * --silent` does for the packages' build): for the apps' build scripts.
 */
export const quietWarnings = (warning, warn) =>
  warning.plugin === 'minify-html-literals' ? undefined : onwarn(warning, warn);

/**
 * The npm build: dependencies external, one file per entry. `dist/` is minified (the `default` export
 * condition); `dist/development/` is the same code readable, with source maps (the `development` condition).
 */
function esmBuild({ name, entries }) {
  const dir = `packages/${name}`;
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  const output = (subdir, plugins) => ({
    dir: `${dir}/dist${subdir}`,
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    plugins,
  });
  return {
    input: Object.fromEntries(entries.map((entry) => [entry, `${dir}/src/${entry}.ts`])),
    external: (id) => deps.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
    output: [output('', [minify()]), output('/development', [])],
    onwarn,
  };
}

/**
 * The plugins of a bundle a browser loads as it is (a standalone bundle, the workstation, a micro-app): workspace
 * packages from their sources, Dexie's ES module, node_modules resolved for the browser, TypeScript, and everything
 * minified, Lit's templates included. `extra` go after the resolution (a replacement in dependencies' code).
 */
export const bundlePlugins = (extra = []) => [
  workspaceSources(),
  dexieEsm(),
  ...extra,
  nodeResolve({ browser: true, exportConditions: ['browser', 'es2015', 'production', 'default'] }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
  // The white space of Lit's html`` and css`` templates, which terser leaves as it is.
  minifyTemplates(),
  minify(),
];

function standaloneBuild({ name, standalone }) {
  const dir = `packages/${name}`;
  return {
    input: `${dir}/src/${standalone}.ts`,
    plugins: bundlePlugins(),
    output: { file: `${dir}/dist/${name}.standalone.js`, format: 'es', sourcemap: true, inlineDynamicImports: true },
    treeshake: { moduleSideEffects: sourceHasEffects },
    onwarn,
  };
}

const only = process.env.YC_PACKAGES?.split(',');
const selected = PACKAGES.filter((pkg) => !only || only.includes(pkg.name));

export default selected.flatMap((pkg) => [esmBuild(pkg), ...(pkg.standalone ? [standaloneBuild(pkg)] : [])]);
