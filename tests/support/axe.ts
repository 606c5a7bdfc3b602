import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The WCAG 2.x A and AA rules: what "WCAG AA" asks of us. */
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * Parts of the page axe does not judge, each a subtree of tldraw's own code that we cannot change.
 * Keep it short; each entry says why.
 */
export const TLDRAW_EXCLUSIONS: ReadonlyArray<{ selector: string; reason: string }> = []

export interface AxeFinding {
  readonly rule: string
  readonly impact: string
  readonly help: string
  readonly targets: string[]
}

export interface AxeReport {
  /** How many elements failed, per impact (minor, moderate, serious, critical). */
  readonly counts: Record<string, number>
  /** Text whose contrast axe could not decide (text over tldraw's canvas layers): reported, not failed. */
  readonly unsureContrast: string[]
  /** The serious and critical findings: these fail the test. */
  readonly blocking: AxeFinding[]
}

/**
 * Runs axe-core's WCAG 2 A/AA rules in the page. axe is evaluated from disk through the DevTools
 * protocol (page.evaluate), not added as a <script> tag: the page's CSP (script-src 'self') blocks
 * inline scripts and we keep that CSP on, so the page is checked as users get it.
 */
export async function runAxe(page: Page): Promise<AxeReport> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const exclude = TLDRAW_EXCLUSIONS.map((e) => e.selector)
  const found = await page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe
      const result = await axe.run(
        { include: [document], exclude: exclude.map((s) => [s]) } as import('axe-core').ElementContext,
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] },
      )
      const unsure = result.incomplete.filter((v) => v.id === 'color-contrast')
      const unsureContrast = unsure.flatMap((v) =>
        v.nodes.map((n) => `${n.target.join(' ')} — ${n.any.map((c) => c.message).join('; ')}`),
      )
      const violations = result.violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        targets: v.nodes.map(
          (n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`,
        ),
      }))
      return { violations, unsureContrast }
    },
    { tags: WCAG_AA_TAGS, exclude },
  )
  const findings = found.violations
  const counts: Record<string, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 }
  for (const f of findings) counts[f.impact] = (counts[f.impact] ?? 0) + f.targets.length
  return {
    counts,
    unsureContrast: found.unsureContrast,
    blocking: findings.filter((f) => f.impact === 'serious' || f.impact === 'critical'),
  }
}

/** A finding list a person can read in a failed assertion. */
export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings
    .map((f) => `${f.impact} ${f.rule}: ${f.help}\n${f.targets.map((t) => `    ${t}`).join('\n')}`)
    .join('\n')
}

/**
 * The WCAG contrast ratio of an element's text colour on the nearest opaque background behind it
 * (its own or an ancestor's), with its font size in px: for text axe's rules skip, such as
 * aria-hidden chart labels. Assumes a plain background (no image or gradient behind the text).
 */
export function textContrast(page: Page, selector: string): Promise<{ ratio: number; fontPx: number }> {
  return page.evaluate((selector) => {
    const el = document.querySelector(selector)
    if (!el) throw new Error(`nothing matches ${selector}`)
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number)
    const luminance = (css: string) => {
      const [r = 0, g = 0, b = 0] = rgba(css).map((v) => {
        const c = v / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    let behind: Element | null = el
    while (behind && (rgba(getComputedStyle(behind).backgroundColor)[3] ?? 1) < 1)
      behind = behind.parentElement
    const bg = behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)'
    const style = getComputedStyle(el)
    const [light, dark] = [luminance(style.color), luminance(bg)].sort((a, b) => b - a) as [number, number]
    return { ratio: (light + 0.05) / (dark + 0.05), fontPx: Number.parseFloat(style.fontSize) }
  }, selector)
}
