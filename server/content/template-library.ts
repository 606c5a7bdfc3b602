import type { TemplateSummary } from '../../shared/protocol/templates'
import { type LaidOutTemplate, layoutTemplate } from '../../shared/templates/layout'
import { templatePreviewSvg } from '../../shared/templates/preview-svg'
import type { Template } from '../../shared/templates/template-schema'
import { loadTemplates } from './template-catalog'

/** The shipped templates, validated and laid out once at start-up, with their preview pictures. */
export class TemplateLibrary {
  private constructor(
    private readonly laidOut: Map<string, LaidOutTemplate>,
    private readonly previews: Map<string, string>,
  ) {}

  static async load(dir: string): Promise<TemplateLibrary> {
    const templates: Template[] = loadTemplates(dir)
    const laidOut = new Map<string, LaidOutTemplate>()
    const previews = new Map<string, string>()
    for (const template of templates) {
      const layout = await layoutTemplate(template)
      laidOut.set(template.id, layout)
      previews.set(template.id, templatePreviewSvg(layout))
    }
    return new TemplateLibrary(laidOut, previews)
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
