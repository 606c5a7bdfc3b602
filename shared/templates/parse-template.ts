import { templateReferenceProblems } from './template-references'
import { type Template, templateSchema } from './template-schema'

export type ParsedTemplate = { ok: true; template: Template } | { ok: false; problems: string[] }

/** Validates one template file's content; every problem names the file and the path inside it. */
export function parseTemplate(content: unknown, fileName: string): ParsedTemplate {
  const parsed = templateSchema.safeParse(content)
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${fileName}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      ),
    }
  }
  const problems = templateReferenceProblems(parsed.data).map((p) => `${fileName}: ${p}`)
  const expectedId = fileName.replace(/^.*\//, '').replace(/\.json$/, '')
  if (parsed.data.id !== expectedId)
    problems.push(`${fileName}: id "${parsed.data.id}" must match the file name`)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, template: parsed.data }
}
