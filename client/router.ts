import { useSyncExternalStore } from 'react'
import { boardIdFromPath } from '../shared/protocol/links'
import { publicationIdFromPath, versionFromPath } from '../shared/protocol/saved-boards'

/** The pages of the app; a discriminated union so every page is handled. */
export type Route =
  | { page: 'home' }
  | { page: 'board'; boardId: string }
  | { page: 'version'; boardId: string; versionId: string }
  | { page: 'published'; publicationId: string }
  | { page: 'not-found' }

/** Which page a path shows. */
export function routeFromPath(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'home' }
  const boardId = boardIdFromPath(pathname)
  if (boardId) return { page: 'board', boardId }
  const version = versionFromPath(pathname)
  if (version) return { page: 'version', ...version }
  const publicationId = publicationIdFromPath(pathname)
  if (publicationId) return { page: 'published', publicationId }
  return { page: 'not-found' }
}

const NAVIGATE_EVENT = 'lockstep:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener('hashchange', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener('hashchange', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

function snapshot(): string {
  return `${window.location.pathname}${window.location.hash}`
}

/** The current path and fragment; re-renders on back/forward, fragment edits and `navigate`. */
export function useLocation(): { pathname: string; hash: string } {
  const current = useSyncExternalStore(subscribe, snapshot)
  const hashAt = current.indexOf('#')
  return hashAt === -1
    ? { pathname: current, hash: '' }
    : { pathname: current.slice(0, hashAt), hash: current.slice(hashAt) }
}

/**
 * A link's click handler: a plain click moves within the app without reloading, while a modified
 * click (new tab, new window) keeps the browser's own behaviour.
 */
export function navigateOnPlainClick(
  event: { metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; button: number; preventDefault(): void },
  href: string,
): void {
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
  event.preventDefault()
  navigate(href)
}

/** Goes to another page of the app without reloading (href may carry a query and a fragment). */
export function navigate(href: string): void {
  window.history.pushState(null, '', href)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}
