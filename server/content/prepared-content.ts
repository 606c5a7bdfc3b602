import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import { type LaidOutTemplate, layoutTemplate } from '../../shared/templates/layout'
import { templatePreviewSvg } from '../../shared/templates/preview-svg'
import { type ArticleContent, ArticleLibrary } from './article-library'
import { loadScenarios } from './scenario-catalog'
import { loadTemplates } from './template-catalog'

/** One template laid out, with the preview picture drawn from that layout. */
export interface TemplateLayout {
  layout: LaidOutTemplate
  preview: string
}

/** All shipped content, checked: templates laid out, scenarios replayed step by step, articles parsed. */
export interface PreparedContent {
  templates: TemplateLayout[]
  scenarios: Scenario[]
  articles: ArticleContent
}

/**
 * Validates and lays out every template (ELK), validates every scenario by replaying each step and
 * failure mode, parses the articles: seconds of work, done by the server build or, from source, at start.
 */
export async function prepareContent(contentDir: string): Promise<PreparedContent> {
  const templates: TemplateLayout[] = []
  for (const template of loadTemplates(path.join(contentDir, 'templates'))) {
    const layout = await layoutTemplate(template)
    templates.push({ layout, preview: templatePreviewSvg(layout) })
  }
  const byId = new Map(templates.map(({ layout }) => [layout.template.id, layout.template]))
  const scenarios = loadScenarios(path.join(contentDir, 'scenarios'), (id) => byId.get(id))
  return { templates, scenarios, articles: ArticleLibrary.load(contentDir).content() }
}

/** Writes prepared content for a later start to read (done by the server build). */
export function writePreparedContent(file: string, content: PreparedContent): void {
  fs.writeFileSync(file, JSON.stringify(content))
}

/**
 * Prepares content once into a temporary file for servers started later to read (test runs and
 * benchmarks start many servers; each would otherwise spend seconds of ELK and replay at start).
 */
export async function prepareContentOnce(contentDir: string): Promise<{ file: string; remove(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-content-'))
  const file = path.join(dir, 'prepared-content.json')
  writePreparedContent(file, await prepareContent(contentDir))
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/**
 * Reads what the build prepared from the same content, so it was validated there; `npm start`
 * rebuilds when content/ is newer than the build, which keeps it current.
 */
export function readPreparedContent(file: string): PreparedContent {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PreparedContent
}
