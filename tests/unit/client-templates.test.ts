import { describe, expect, it } from 'vitest'
import { matchesSearch, templateSections } from '../../client/templates/template-search'
import { findTemplateNode, nodeKindLabel, templateNodeOfShape } from '../../client/templates/template-shape'
import { TOPICS } from '../../shared/content/topics'
import type { TemplateSummary } from '../../shared/protocol/templates'
import { templateSchema } from '../../shared/templates/template-schema'

const summary = (
  id: string,
  topic: TemplateSummary['topic'],
  title: string,
  text: string,
): TemplateSummary => ({
  id,
  topic,
  title,
  summary: text,
  nodeCount: 5,
  edgeCount: 4,
})

const kappa = summary(
  'kappa-pipeline',
  'kappa',
  'Kappa pipeline',
  'One streaming path over a replayable log.',
)
const cells = summary('cell-based', 'cloud', 'Cell-based architecture', 'Tenants pinned to cells.')
const leveling = summary(
  'queue-load-leveling',
  'cloud',
  'Queue-based load leveling',
  'A queue absorbs bursts.',
)
const llm = summary('transformer-block', 'dense-llm', 'Dense transformer', 'Tokens become vectors.')
const hll = summary('hyperloglog-counter', 'system-behavior', 'HyperLogLog', 'Counting distinct visitors.')

describe('template search', () => {
  it('matches the title, the summary and the topic title, ignoring case', () => {
    expect(matchesSearch(kappa, 'KAPPA')).toBe(true)
    expect(matchesSearch(kappa, 'replayable')).toBe(true)
    expect(matchesSearch(cells, 'cloud patterns')).toBe(true)
    expect(matchesSearch(cells, 'kappa')).toBe(false)
  })

  it('needs every word to match, in any order, and ignores accents and extra spaces', () => {
    expect(matchesSearch(kappa, '  log   kappa ')).toBe(true)
    expect(matchesSearch(kappa, 'kappa cells')).toBe(false)
    expect(matchesSearch(hll, 'behaviour')).toBe(true)
    expect(matchesSearch(hll, 'béhaviour')).toBe(true)
  })

  it('matches everything when the search is empty', () => {
    expect(matchesSearch(kappa, '')).toBe(true)
    expect(matchesSearch(kappa, '   ')).toBe(true)
  })
})

describe('template sections', () => {
  it('groups templates under their topic, in the topics’ display order, leaving out empty topics', () => {
    const sections = templateSections([cells, kappa, hll, leveling, llm], '')
    expect(sections.map((s) => s.topicId)).toEqual(['dense-llm', 'kappa', 'cloud', 'system-behavior'])
    expect(sections.find((s) => s.topicId === 'cloud')?.templates.map((t) => t.id)).toEqual([
      'cell-based',
      'queue-load-leveling',
    ])
    expect(sections[0]?.title).toBe(TOPICS.find((t) => t.id === 'dense-llm')?.title)
  })

  it('keeps only the matching templates and topics', () => {
    const sections = templateSections([cells, kappa, leveling], 'queue')
    expect(sections).toEqual([{ topicId: 'cloud', title: 'Cloud patterns', templates: [leveling] }])
    expect(templateSections([cells, kappa], 'nothing like this')).toEqual([])
  })
})

describe('template shapes', () => {
  it('names the node a template box plays', () => {
    const meta = { templateId: 'cell-based', insertionId: 'start', nodeId: 'cell-router', kind: 'router' }
    expect(templateNodeOfShape(meta)).toEqual({ templateId: 'cell-based', nodeId: 'cell-router' })
  })

  it('ignores frames, notes, arrows and shapes that are not from a template', () => {
    const base = { templateId: 'cell-based', insertionId: 'start' }
    expect(templateNodeOfShape({ ...base, nodeId: 'cell-1', kind: 'group' })).toBeNull()
    expect(templateNodeOfShape({ ...base, nodeId: 'ask', kind: 'note' })).toBeNull()
    expect(templateNodeOfShape({ ...base, nodeId: 'a->b', kind: 'edge:sync' })).toBeNull()
    expect(templateNodeOfShape({})).toBeNull()
    expect(templateNodeOfShape(undefined)).toBeNull()
  })

  it('finds the node in the template and reads its kind as words', () => {
    const template = templateSchema.parse({
      id: 'tiny',
      topic: 'kappa',
      title: 'Tiny',
      summary: 'A template with one node.',
      nodes: [
        {
          id: 'processor',
          label: 'Processor',
          kind: 'stream-processor',
          role: 'Reads the log and updates the view.',
          failure: 'Falls behind and the view goes stale.',
        },
      ],
    })
    expect(findTemplateNode(template, 'processor')?.label).toBe('Processor')
    expect(findTemplateNode(template, 'missing')).toBeUndefined()
    expect(nodeKindLabel('stream-processor')).toBe('Stream processor')
    expect(nodeKindLabel('queue')).toBe('Queue')
  })
})
