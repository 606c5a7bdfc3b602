import type { Concept } from './article-api'
import { circleLayout } from './article-choice'

const SIZE = 320
const MARGIN = 50
/** Room either side of the circle for labels. */
const GUTTER = 80

/** A title on one line, or two when long (split at the space nearest the middle). */
function labelLines(title: string): string[] {
  if (title.length <= 14) return [title]
  const middle = title.length / 2
  let best = -1
  for (let i = 0; i < title.length; i++) {
    if (title[i] === ' ' && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i
  }
  return best < 0 ? [title] : [title.slice(0, best), title.slice(best + 1)]
}

/** The ten concepts on a circle, a line for each `related` pair; clicking one opens its card. */
export function ConceptMap({
  concepts,
  selected,
  select,
}: {
  concepts: readonly Concept[]
  selected: string | null
  select: (id: string) => void
}) {
  const points = circleLayout(concepts.length, SIZE, MARGIN)
  const at = new Map(concepts.map((c, i) => [c.id, points[i]]))
  const lines: { key: string; a: { x: number; y: number }; b: { x: number; y: number } }[] = []
  for (const c of concepts) {
    for (const other of c.related) {
      const a = at.get(c.id)
      const b = at.get(other)
      // each pair once, whichever side names it
      if (a && b && (c.id < other || !concepts.find((x) => x.id === other)?.related.includes(c.id)))
        lines.push({ key: `${c.id}-${other}`, a, b })
    }
  }
  return (
    <svg
      className="concept-map"
      viewBox={`${-GUTTER} 0 ${SIZE + 2 * GUTTER} ${SIZE}`}
      aria-label="Concept map"
      data-testid="concept-map"
    >
      {lines.map(({ key, a, b }) => (
        <line key={key} x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="concept-map__line" />
      ))}
      {concepts.map((c, i) => {
        const p = points[i]
        if (!p) return null
        const anchor = p.x < SIZE / 2 - 10 ? 'end' : p.x > SIZE / 2 + 10 ? 'start' : 'middle'
        const dx = anchor === 'end' ? -10 : anchor === 'start' ? 10 : 0
        const lines = labelLines(c.title)
        const dy =
          anchor === 'middle'
            ? p.y < SIZE / 2
              ? -12 - 15 * (lines.length - 1)
              : 22
            : 4 - 7 * (lines.length - 1)
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG node cannot be a <button>
          <g
            key={c.id}
            className="concept-map__node"
            data-selected={selected === c.id || undefined}
            role="button"
            tabIndex={0}
            aria-label={c.title}
            onClick={() => select(c.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') select(c.id)
            }}
            data-testid={`concept-node-${c.id}`}
          >
            <circle cx={p.x} cy={p.y} r={7} />
            <text x={p.x + dx} y={p.y + dy} textAnchor={anchor}>
              {lines.map((line, n) => (
                <tspan key={line} x={p.x + dx} dy={n === 0 ? 0 : 15}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
