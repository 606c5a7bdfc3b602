import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { Plugin } from 'vite'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** What is worth compressing: text formats (fonts and pictures in woff2/png are compressed already). */
export const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/
// below this, the headers cost more than compression saves
const MIN_BYTES = 1024

/** Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip -9) next to a file, unless larger. */
export async function precompressFile(file: string): Promise<void> {
  const raw = await fs.promises.readFile(file)
  if (raw.length < MIN_BYTES) return
  const [br, gz] = await Promise.all([
    brotli(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ])
  if (br.length < raw.length) await fs.promises.writeFile(`${file}.br`, br)
  if (gz.length < raw.length) await fs.promises.writeFile(`${file}.gz`, gz)
}

/** Vite plugin: after the build is written, every compressible output file gets its .br and .gz. */
export function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'lockstep-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name))
      await Promise.all(files.map((name) => precompressFile(path.join(outDir, name))))
    },
  }
}
