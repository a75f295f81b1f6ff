// The content security policy forbids eval. zod compiles object parsers with `new Function` when it
// may, and probes for that by trying it once, which the browser reports as a policy violation.
// Parsing without the compiled fast path is what runs under the policy anyway; saying so up front
// keeps the probe from running. Imported first by main.tsx, before anything parses.
import { z } from 'zod';

z.config({ jitless: true });
