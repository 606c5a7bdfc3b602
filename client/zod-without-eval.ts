import { z } from 'zod'

// The Content-Security-Policy forbids eval; without this, zod probes `new Function` when the first
// schema is built and the browser reports a violation. Imported first, before any schema exists.
z.config({ jitless: true })
