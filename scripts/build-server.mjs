// `npm run build:server`: compiles the server (and the shared code it uses) into dist/server with
// esbuild, then prepares the content (templates laid out, scenarios replayed) into
// dist/server/prepared-content.json, so `npm start` runs plain JavaScript and skips that work.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outdir = path.join(root, 'dist/server')

/** Bundles the server and the packages it uses into dist/server, then prepares the content there. */
export async function buildServer() {
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'server/main.ts', 'prepare-content': 'server/build/prepare-content.ts' },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // one file to read instead of hundreds to resolve; SQLite's native binding and ELK (used only
    // when content is not prepared) stay in node_modules
    external: ['better-sqlite3', 'elkjs'],
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    // a bundle of ESM output still meets CommonJS packages that call require()
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  })
  execFileSync(process.execPath, [path.join(outdir, 'prepare-content.js')], { cwd: root, stdio: 'inherit' })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer()
