import { describe, expect, it } from 'vitest'
import { articleLinks, renderArticleMarkdown } from '../../shared/content/render-markdown'

describe('article markdown rendering', () => {
  it.each([
    ['a script tag', '<script>alert(1)</script>', '<script'],
    ['an event handler', '<img src=x onerror="alert(1)">', '<img'],
    ['an inline handler in a link', '[x](javascript:alert(1))', 'href="javascript:'],
    ['a data URL', '[x](data:text/html;base64,PHNjcmlwdD4=)', 'href="data:'],
    ['an iframe', '<iframe src="https://example.com"></iframe>', '<iframe'],
    ['a style tag', '<style>body{display:none}</style>', '<style'],
  ])('never lets %s through', (_label, source, forbidden) => {
    const html = renderArticleMarkdown(`Before\n\n${source}\n\nAfter`)
    expect(html).not.toContain(forbidden)
    expect(html).toContain('After')
  })

  it('turns node and concept links into canvas and concept links', () => {
    const html = renderArticleMarkdown(
      'The [cell router](node:cell-router) limits the [blast radius](concept:blast-radius).',
    )
    expect(html).toContain('data-node-id="cell-router"')
    expect(html).toContain('href="#node-cell-router"')
    expect(html).toContain('data-concept-id="blast-radius"')
  })

  it('opens web links in a new tab without handing over the page', () => {
    expect(renderArticleMarkdown('[docs](https://example.com)')).toContain('rel="noopener noreferrer"')
  })

  it('lists the node and concept links of a text', () => {
    expect(articleLinks('[a](node:x) and [b](concept:y) and [c](https://z.example)')).toEqual([
      { kind: 'node', nodeId: 'x' },
      { kind: 'concept', conceptId: 'y' },
      { kind: 'web', href: 'https://z.example' },
    ])
  })
})
