import { parseTemplate } from '../../shared/templates/parse-template'
import type { Template } from '../../shared/templates/template-schema'
import { loadContentDir } from './content-dir'

/** Reads and validates every template in a directory; throws one error listing every problem. */
export function loadTemplates(dir: string): Template[] {
  return loadContentDir(dir, 'templates', (content, where) => {
    const parsed = parseTemplate(content, where)
    return parsed.ok ? { ok: true, value: parsed.template } : parsed
  })
}
