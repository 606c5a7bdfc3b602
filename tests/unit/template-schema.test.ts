import { describe, expect, it } from 'vitest'
import { parseTemplate } from '../../shared/templates/parse-template'

const minimal = () => ({
  id: 'tiny',
  topic: 'cloud',
  title: 'Tiny',
  summary: 'Two boxes and an arrow.',
  nodes: [
    { id: 'a', label: 'A', kind: 'service', role: 'Answers requests.', failure: 'Times out under load.' },
    { id: 'b', label: 'B', kind: 'database', role: 'Keeps the rows.', failure: 'Runs out of connections.' },
  ],
  edges: [{ from: 'a', to: 'b', kind: 'sync' }],
})

describe('template validation', () => {
  it('accepts a well-formed template and fills defaults', () => {
    const parsed = parseTemplate(minimal(), 'templates/tiny.json')
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(parsed.template).toMatchObject({ direction: 'right', groups: [], notes: [] })
  })

  it('names the file and the path of a schema problem', () => {
    const bad = minimal()
    ;(bad.nodes[1] as { kind: string }).kind = 'mainframe'
    const parsed = parseTemplate(bad, 'templates/tiny.json')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problems[0]).toMatch(/^templates\/tiny\.json: nodes\.1\.kind: /)
  })

  it('finds references to missing nodes and groups, duplicates, and empty groups', () => {
    const bad = {
      ...minimal(),
      groups: [
        { id: 'cell-1', label: 'Cell 1' },
        { id: 'cell-2', label: 'Cell 2', parent: 'nowhere' },
      ],
      nodes: [...minimal().nodes, { ...minimal().nodes[0], id: 'a', group: 'cell-9' }],
      edges: [
        { from: 'a', to: 'ghost', kind: 'sync' },
        { from: 'a', to: 'b', kind: 'sync' },
        { from: 'a', to: 'b', kind: 'async' },
      ],
      notes: [{ id: 'n1', text: 'Why?', near: 'phantom' }],
    }
    const parsed = parseTemplate(bad, 'templates/tiny.json')
    expect(parsed.ok).toBe(false)
    const problems = parsed.ok ? [] : parsed.problems.join('\n')
    expect(problems).toContain('id "a" is used twice')
    expect(problems).toContain('no group "cell-9"')
    expect(problems).toContain('groups[1].parent: no group "nowhere"')
    expect(problems).toContain('edges[0].to: no node "ghost"')
    expect(problems).toContain('a->b appears twice')
    expect(problems).toContain('notes[0].near: no node "phantom"')
    expect(problems).toContain('group "cell-1" is empty')
  })

  it('requires the id to match the file name', () => {
    const parsed = parseTemplate(minimal(), 'templates/other.json')
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'templates/other.json: id "tiny" must match the file name',
    ])
  })

  it('refuses unknown fields rather than ignoring a typo', () => {
    const parsed = parseTemplate({ ...minimal(), edgse: [] }, 'templates/tiny.json')
    expect(parsed.ok).toBe(false)
  })
})
