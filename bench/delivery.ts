/**
 * `npm run bench:delivery`: the bytes each page of the real build (dist/client) makes a browser
 * download before it can run, as sent (brotli, gzip) and raw; the reference is the raw size, what
 * the server sent before assets were precompressed. Which chunks a page loads comes from Vite's
 * build manifest: the entry with its static imports, plus the page's lazy chunk and its imports.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describeMachine, type MachineMeta, machineMeta, runBench } from './lib/bench-main'
import { fmt, fmtRatio, renderTable } from './lib/table'

const CLIENT_DIR = path.resolve(process.env.LOCKSTEP_CLIENT_DIR ?? 'dist/client')

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}
type Manifest = Record<string, ManifestChunk>

/** The pages and the lazy chunks each loads on arrival (none: the entry alone). */
const PAGES = [
  { page: 'home', lazy: [] },
  { page: 'version, published (page)', lazy: [] },
  { page: 'version, published (drawing shown)', lazy: ['versions/ReadOnlyCanvas.tsx'] },
  { page: 'board', lazy: ['board/BoardPage.tsx'] },
] as const

interface PageRow {
  page: string
  files: number
  raw: number
  gzip: number
  brotli: number
  jsGzip: number
}

interface DeliveryReport {
  meta: MachineMeta
  rows: PageRow[]
}

/** A chunk and everything it imports statically, with their CSS: what loading it fetches. */
function closure(manifest: Manifest, keys: readonly string[]): Set<string> {
  const files = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || files.has(chunk.file)) return
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  for (const key of keys) visit(key)
  return files
}

/** Bytes of a file as the build wrote it, or of its precompressed variant (the raw size when none). */
function bytes(file: string, suffix = ''): number {
  const full = path.join(CLIENT_DIR, `${file}${suffix}`)
  return fs.existsSync(full) ? fs.statSync(full).size : fs.statSync(path.join(CLIENT_DIR, file)).size
}

function measure(): DeliveryReport {
  const manifestFile = path.join(CLIENT_DIR, '.vite/manifest.json')
  if (!fs.existsSync(manifestFile))
    throw new Error(`No build manifest at ${manifestFile}: run npm run build first.`)
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry)
  if (!entry) throw new Error('The build manifest has no entry.')
  const rows = PAGES.map(({ page, lazy }) => {
    const files = [...closure(manifest, [entry, ...lazy])]
    const sum = (suffix: string, only = (_f: string) => true) =>
      files.filter(only).reduce((total, f) => total + bytes(f, suffix), 0)
    return {
      page,
      files: files.length,
      raw: sum(''),
      gzip: sum('.gz'),
      brotli: sum('.br'),
      jsGzip: sum('.gz', (f) => f.endsWith('.js')),
    }
  })
  return { meta: machineMeta(), rows }
}

const kb = (n: number) => fmt(n / 1024, 0)

function render(report: DeliveryReport): string {
  return [
    describeMachine('Client delivery: bytes each page downloads before it runs (KB)', report.meta),
    renderTable(
      ['page', 'files', 'JS gzip', 'brotli', 'gzip', 'raw (reference)', 'brotli / raw', 'gzip / raw'],
      report.rows.map((r) => [
        r.page,
        String(r.files),
        kb(r.jsGzip),
        kb(r.brotli),
        kb(r.gzip),
        kb(r.raw),
        fmtRatio(r.brotli / r.raw),
        fmtRatio(r.gzip / r.raw),
      ]),
    ),
  ].join('\n\n')
}

await runBench({ name: 'delivery', budgetMs: 60_000, run: async () => measure(), render })
