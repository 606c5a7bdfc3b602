import { z } from 'zod'

/**
 * Which web pages may send this server state-changing requests (and open its sockets):
 * by default pages served by the host the request was sent to; with ALLOWED_ORIGINS, exactly those.
 */
export type OriginPolicy = { kind: 'same-host' } | { kind: 'listed'; origins: readonly string[] }

export const SAME_HOST: OriginPolicy = { kind: 'same-host' }

/** An origin as browsers send it (`https://host[:port]`, lower case, no default port), or null. */
export function normalOrigin(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password
  return bare ? url.origin : null
}

/** ALLOWED_ORIGINS: a comma-separated list of origins; unset or empty means the request's own host. */
export const allowedOriginsSchema = z
  .string()
  .optional()
  .transform((value, context): OriginPolicy => {
    const entries = (value ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
    if (entries.length === 0) return SAME_HOST
    const origins: string[] = []
    for (const entry of entries) {
      const origin = normalOrigin(entry)
      if (origin) origins.push(origin)
      else
        context.addIssue({
          code: 'custom',
          message: `"${entry}" is not an origin like https://lockstep.example`,
        })
    }
    return { kind: 'listed', origins }
  })

/**
 * Whether a request carrying this Origin header may change state. No Origin means no browser page
 * sent it (curl, scripts): such a caller has no victim's browser to borrow, so it is let through.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  policy: OriginPolicy,
): boolean {
  if (origin === undefined) return true
  const sent = normalOrigin(origin) // "null" (sandboxed frames, file://) is never an origin here
  if (!sent) return false
  if (policy.kind === 'listed') return policy.origins.includes(sent)
  if (!host) return false
  const page = new URL(sent)
  // the Host header read with the page's scheme, so "localhost:80" equals "http://localhost"
  const target = normalOrigin(`${page.protocol}//${host}`)
  return target !== null && new URL(target).host === page.host
}
