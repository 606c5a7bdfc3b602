import type { RequestHandler } from 'express'
import helmet from 'helmet'

/**
 * The Content-Security-Policy directives for our pages: every script, font, icon and translation
 * comes from this server, frames only from the embed allow-list, and only our own pages may frame us.
 */
export function contentSecurityPolicy(embedAllowedHosts: readonly string[]): Record<string, string[]> {
  const self = "'self'"
  return {
    'default-src': [self],
    'script-src': [self],
    'script-src-attr': ["'none'"],
    // tldraw writes <style> elements (its watermark, every SVG/PNG export including thumbnails) and
    // style attributes through innerHTML (text measuring); a nonce cannot cover style attributes
    'style-src': [self, "'unsafe-inline'"],
    // pasted pictures and exports are data: and blob: URLs; exports embed our fonts as data: URLs
    'img-src': [self, 'data:', 'blob:'],
    'font-src': [self, 'data:'],
    'media-src': [self, 'data:', 'blob:'],
    // 'self' covers ws: and wss: on the same host (Yjs, socket.io); Vite inlines tldraw's tiny
    // English translation file as a data: URL that tldraw fetches (data: reaches nobody)
    'connect-src': [self, 'data:'],
    'frame-src': embedAllowedHosts.length ? embedAllowedHosts.map((host) => `https://${host}`) : ["'none'"],
    'frame-ancestors': [self],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': [self],
  }
}

/** Security headers on every answer (helmet), configured for a self-hosted app on a closed network. */
export function securityHeaders(embedAllowedHosts: readonly string[]): RequestHandler {
  return helmet({
    // all directives are ours: helmet's defaults add upgrade-insecure-requests, which breaks plain http
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(embedAllowedHosts) },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'sameorigin' },
    // HSTS belongs to whoever terminates TLS; sent from here it would also bind the operator's other subdomains
    strictTransportSecurity: false,
  })
}
