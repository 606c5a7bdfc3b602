// Runs before the app's modules. zod decides whether to compile parsers with `new Function` when a
// schema is built, and our schemas are built as their modules load, before any module's code could
// call z.config; the Content-Security-Policy forbids eval, so say "jitless" here, first.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true })
