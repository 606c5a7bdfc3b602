import type { ArticleSummary } from '../../shared/protocol/articles'

/** The article a board opens on: the one written for its template, else none (the panel lists them). */
export function defaultArticleId(
  articles: readonly ArticleSummary[],
  templateId: string | null,
): string | null {
  if (!templateId) return null
  return articles.find((a) => a.templateId === templateId)?.id ?? null
}

/** What the panel shows: the live presentation unless this reader detached, else their own choice. */
export function shownPlace(
  own: { articleId: string | null; sectionId: string | null },
  presentation: { articleId: string; sectionId: string } | null,
  following: boolean,
): { articleId: string | null; sectionId: string | null; live: boolean } {
  if (presentation && following) return { ...presentation, live: true }
  return { ...own, live: false }
}

/** Points on a circle for a small concept map, in order, inside a `size`-square viewBox. */
export function circleLayout(count: number, size: number, margin: number): { x: number; y: number }[] {
  const r = size / 2 - margin
  return Array.from({ length: count }, (_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(count, 1) - Math.PI / 2
    return { x: size / 2 + r * Math.cos(angle), y: size / 2 + r * Math.sin(angle) }
  })
}
