import type { BrowserContext } from 'playwright-core'

/** A console error or an uncaught exception a page produced, with where it came from. */
export interface PageProblem {
  readonly kind: 'console' | 'page error'
  readonly text: string
  readonly url: string
}

/**
 * Errors outside our control, allowed in every e2e test. Keep this short: fix causes instead.
 * Each entry says why it cannot be fixed in our code.
 */
export const ALLOWED_EVERYWHERE: ReadonlyArray<{ pattern: RegExp; reason: string }> = []

/**
 * An error a test provokes on purpose (a stopped server, a deleted board), allowed in that test
 * only. The pattern is matched against "<message> <url>".
 */
export interface ExpectedError {
  readonly pattern: RegExp
  readonly why: string
}

/** Records every console error and uncaught page exception in a browser context, popups included. */
export function recordProblems(context: BrowserContext, into: PageProblem[]): void {
  context.on('console', (message) => {
    if (message.type() !== 'error') return
    into.push({ kind: 'console', text: message.text(), url: message.location().url })
  })
  context.on('weberror', (error) => {
    into.push({
      kind: 'page error',
      text: String(error.error()?.stack ?? error.error()),
      url: error.page()?.url() ?? '',
    })
  })
}

/** The problems neither allowed everywhere nor expected by the test, as one readable message (null if none). */
export function unexpectedProblems(
  problems: readonly PageProblem[],
  expected: readonly ExpectedError[],
): string | null {
  const allowed = [...ALLOWED_EVERYWHERE.map((a) => a.pattern), ...expected.map((e) => e.pattern)]
  const left = problems.filter((p) => !allowed.some((pattern) => pattern.test(`${p.text} ${p.url}`)))
  if (left.length === 0) return null
  const lines = left.map((p) => `  ${p.kind}: ${p.text}${p.url ? ` (at ${p.url})` : ''}`)
  return `The browser reported ${left.length} error(s) during this test:\n${lines.join('\n')}`
}
