import { edgeKey, type LaidOutTemplate } from './layout'
import { NODE_STYLES } from './node-styles'

/** Canvas colours for tldraw's colour names, as the preview draws them. */
const PALETTE: Record<string, string> = {
  black: '#1d1d1d',
  grey: '#9fa8b2',
  'light-violet': '#e085f4',
  violet: '#ae3ec9',
  blue: '#4465e9',
  'light-blue': '#4ba1f1',
  yellow: '#f1ac4b',
  orange: '#e16919',
  green: '#099268',
  'light-green': '#4cb05e',
  'light-red': '#f87777',
  red: '#e03131',
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  )

/** A small SVG picture of a template, drawn from its own data (frames, boxes, routed arrows), for the gallery. */
export function templatePreviewSvg(laidOut: LaidOutTemplate): string {
  const { template, nodes, groups, bounds } = laidOut
  const pad = 20
  const view = `${bounds.x - pad} ${bounds.y - pad} ${bounds.w + 2 * pad} ${bounds.h + 2 * pad}`
  const parts: string[] = []
  for (const group of template.groups) {
    const b = groups[group.id]
    if (!b) continue
    parts.push(
      `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="8" fill="#f8f9fa" stroke="#ced4da" stroke-width="3"/>`,
      `<text x="${b.x + 12}" y="${b.y + 28}" font-size="22" fill="#495057">${escapeXml(group.label)}</text>`,
    )
  }
  for (const edge of template.edges) {
    const path = laidOut.arrows[edgeKey(edge.from, edge.to)]?.path
    if (!path || path.length < 2) continue
    const points = path.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`).join(' ')
    parts.push(
      `<polyline points="${points}" fill="none" stroke="#868e96" stroke-width="3" marker-end="url(#head)"/>`,
    )
  }
  for (const node of template.nodes) {
    const b = nodes[node.id]
    if (!b) continue
    const color = PALETTE[NODE_STYLES[node.kind].color] ?? '#495057'
    parts.push(
      `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="10" fill="${color}" fill-opacity="0.18" stroke="${color}" stroke-width="4"/>`,
      `<text x="${b.x + b.w / 2}" y="${b.y + b.h / 2 + 8}" font-size="22" text-anchor="middle" fill="#212529">${escapeXml(node.label)}</text>`,
    )
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${view}" font-family="system-ui, sans-serif" role="img" aria-label="${escapeXml(template.title)}">`,
    '<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#868e96"/></marker></defs>',
    ...parts,
    '</svg>',
  ].join('')
}
