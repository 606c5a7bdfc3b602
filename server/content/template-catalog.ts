import fs from 'node:fs'
import path from 'node:path'
import { parseTemplate } from '../../shared/templates/parse-template'
import type { Template } from '../../shared/templates/template-schema'

/** Reads and validates every template in a directory; throws one error listing every problem. */
export function loadTemplates(dir: string): Template[] {
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : []
  const templates: Template[] = []
  const problems: string[] = []
  for (const file of files) {
    const where = path.join(path.basename(dir), file)
    let content: unknown
    try {
      content = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))
    } catch (error) {
      problems.push(`${where}: not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`)
      continue
    }
    const parsed = parseTemplate(content, where)
    if (parsed.ok) templates.push(parsed.template)
    else problems.push(...parsed.problems)
  }
  if (problems.length > 0) throw new Error(`Invalid templates:\n  ${problems.join('\n  ')}`)
  return templates
}
