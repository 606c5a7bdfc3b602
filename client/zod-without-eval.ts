import { z } from 'zod'

// The Content-Security-Policy forbids eval; without "jitless", zod probes `new Function` when a
// schema is built and the browser reports a violation. public/zod-jitless.js says so before any
// module loads (schemas in shared chunks are built before this runs); this keeps the dev server
// and any other entry honest too.
z.config({ jitless: true })
