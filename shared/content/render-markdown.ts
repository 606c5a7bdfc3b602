import MarkdownIt from 'markdown-it'

/** Where a link in an article points: a box on the canvas, a concept, or an ordinary web page. */
export type ArticleLink =
  | { kind: 'node'; nodeId: string }
  | { kind: 'concept'; conceptId: string }
  | { kind: 'web'; href: string }

// html: false escapes every raw tag, so no markup from content (or from a participant) ever runs.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: true })

const defaultValidate = markdown.validateLink.bind(markdown)
markdown.validateLink = (url: string) => /^(node|concept):[a-z0-9-]+$/.test(url) || defaultValidate(url)

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  const href = token?.attrGet('href') ?? ''
  const link = classifyLink(href)
  if (token && link.kind === 'node') {
    token.attrSet('href', `#node-${link.nodeId}`)
    token.attrSet('data-node-id', link.nodeId)
    token.attrJoin('class', 'article-node-link')
  } else if (token && link.kind === 'concept') {
    token.attrSet('href', `#concept-${link.conceptId}`)
    token.attrSet('data-concept-id', link.conceptId)
    token.attrJoin('class', 'article-concept-link')
  } else if (token) {
    token.attrSet('target', '_blank')
    token.attrSet('rel', 'noopener noreferrer')
  }
  return defaultLinkOpen(tokens, idx, options, env, self)
}

/** What a link's href means. */
export function classifyLink(href: string): ArticleLink {
  const node = /^node:([a-z0-9-]+)$/.exec(href)
  if (node?.[1]) return { kind: 'node', nodeId: node[1] }
  const concept = /^concept:([a-z0-9-]+)$/.exec(href)
  if (concept?.[1]) return { kind: 'concept', conceptId: concept[1] }
  return { kind: 'web', href }
}

/** Article markdown as safe HTML: raw HTML is escaped, unsafe URLs (javascript:, data:) are not linked. */
export function renderArticleMarkdown(source: string): string {
  return markdown.render(source)
}

/** Every `node:` and `concept:` link target in a markdown text, for content checks. */
export function articleLinks(source: string): ArticleLink[] {
  return [...source.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => classifyLink(m[1] ?? ''))
}
