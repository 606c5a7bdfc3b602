import type { Template } from './template-schema'

/** Problems a schema cannot see: ids that repeat, and references to nodes or groups that do not exist. */
export function templateReferenceProblems(template: Template): string[] {
  const problems: string[] = []
  const nodeIds = new Set<string>()
  const groupIds = new Set<string>()
  const allIds = new Set<string>()
  const claim = (id: string, where: string) => {
    if (allIds.has(id)) problems.push(`${where}: id "${id}" is used twice`)
    allIds.add(id)
  }
  template.nodes.forEach((node, i) => {
    claim(node.id, `nodes[${i}]`)
    nodeIds.add(node.id)
  })
  template.groups.forEach((group, i) => {
    claim(group.id, `groups[${i}]`)
    groupIds.add(group.id)
  })
  template.notes.forEach((note, i) => {
    claim(note.id, `notes[${i}]`)
  })

  template.nodes.forEach((node, i) => {
    if (node.group && !groupIds.has(node.group)) problems.push(`nodes[${i}].group: no group "${node.group}"`)
  })
  template.groups.forEach((group, i) => {
    if (group.parent && !groupIds.has(group.parent))
      problems.push(`groups[${i}].parent: no group "${group.parent}"`)
    if (groupAncestors(template, group.id).has(group.id))
      problems.push(`groups[${i}].parent: groups form a cycle`)
  })
  const seenEdges = new Set<string>()
  template.edges.forEach((edge, i) => {
    if (!nodeIds.has(edge.from)) problems.push(`edges[${i}].from: no node "${edge.from}"`)
    if (!nodeIds.has(edge.to)) problems.push(`edges[${i}].to: no node "${edge.to}"`)
    if (edge.from === edge.to) problems.push(`edges[${i}]: an edge must join two different nodes`)
    const key = `${edge.from}->${edge.to}`
    if (seenEdges.has(key)) problems.push(`edges[${i}]: ${key} appears twice`)
    seenEdges.add(key)
  })
  template.notes.forEach((note, i) => {
    if (note.near && !nodeIds.has(note.near)) problems.push(`notes[${i}].near: no node "${note.near}"`)
  })
  for (const group of template.groups) {
    const used =
      template.nodes.some((n) => n.group === group.id) || template.groups.some((g) => g.parent === group.id)
    if (!used) problems.push(`group "${group.id}" is empty`)
  }
  return problems
}

function groupAncestors(template: Template, groupId: string): Set<string> {
  const seen = new Set<string>()
  let current = template.groups.find((g) => g.id === groupId)?.parent
  while (current && !seen.has(current)) {
    seen.add(current)
    current = template.groups.find((g) => g.id === current)?.parent
  }
  return seen
}
