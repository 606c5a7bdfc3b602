import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { MetricsGrid } from '../../client/simulation/MetricsGrid'

describe('the metrics grid', () => {
  it('shows a figure with no value as a dash with its reason, not as 0', () => {
    const html = renderToStaticMarkup(
      createElement(MetricsGrid, {
        metrics: [
          { id: 'p99', label: 'p99', value: null, unit: 'ms', hint: 'no successful requests' },
          { id: 'throughput', label: 'Throughput', value: 0, unit: 'req/s' },
        ],
      }),
    )
    const p99 = html.slice(html.indexOf('data-metric-id="p99"'), html.indexOf('data-metric-id="throughput"'))
    expect(p99).toContain('—')
    expect(p99).toContain('no successful requests')
    expect(p99).not.toMatch(/>0</)
    expect(p99).not.toContain('ms')
  })
})
