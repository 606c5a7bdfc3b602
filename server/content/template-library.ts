import type { TemplateSummary } from '../../shared/protocol/templates'
import type { LaidOutTemplate } from '../../shared/templates/layout'
import type { TemplateLayout } from './prepared-content'

/** The shipped templates, validated and laid out (see prepareContent), with their preview pictures. */
export class TemplateLibrary {
  private constructor(
    private readonly laidOut: Map<string, LaidOutTemplate>,
    private readonly previews: Map<string, string>,
  ) {}

  static of(layouts: TemplateLayout[]): TemplateLibrary {
    return new TemplateLibrary(
      new Map(layouts.map(({ layout }) => [layout.template.id, layout])),
      new Map(layouts.map(({ layout, preview }) => [layout.template.id, preview])),
    )
  }

  has(id: string): boolean {
    return this.laidOut.has(id)
  }

  get(id: string): LaidOutTemplate | undefined {
    return this.laidOut.get(id)
  }

  preview(id: string): string | undefined {
    return this.previews.get(id)
  }

  summaries(): TemplateSummary[] {
    return [...this.laidOut.values()].map(({ template }) => ({
      id: template.id,
      topic: template.topic,
      title: template.title,
      summary: template.summary,
      nodeCount: template.nodes.length,
      edgeCount: template.edges.length,
    }))
  }
}
