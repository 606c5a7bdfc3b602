import fs from 'node:fs'
import path from 'node:path'
import type { RequestHandler } from 'express'

/** The encodings the build writes next to each asset, best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const

/** Which of our encodings a request accepts (`q=0` refuses one), best first. */
export function acceptedEncodings(header: string | undefined): string[] {
  const offered = new Map<string, number>()
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    if (name) offered.set(name, q === undefined ? 1 : Number(q))
  }
  return ENCODINGS.filter(({ name }) => (offered.get(name) ?? offered.get('*') ?? 0) > 0).map((e) => e.name)
}

/**
 * Serves `<file>.br` or `<file>.gz` from `dir` when the build wrote one and the browser accepts it,
 * with the original's type; otherwise passes the request on to the plain file.
 */
export function precompressed(dir: string, cacheControl: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    let file: string
    try {
      file = path.join(dir, path.normalize(decodeURIComponent(req.path)))
    } catch {
      return next() // a malformed path: the plain static handler answers it
    }
    if (!file.startsWith(dir + path.sep)) return next()
    res.vary('Accept-Encoding')
    for (const name of acceptedEncodings(req.headers['accept-encoding'])) {
      const encoded = `${file}${ENCODINGS.find((e) => e.name === name)?.suffix}`
      if (!fs.existsSync(encoded)) continue
      res.setHeader('Content-Encoding', name)
      res.setHeader('Cache-Control', cacheControl)
      res.type(path.extname(file))
      res.sendFile(encoded, { cacheControl: false, lastModified: true }, (error) => {
        if (error) next(error)
      })
      return
    }
    next()
  }
}
