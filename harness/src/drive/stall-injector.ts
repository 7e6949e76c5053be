// runStallInjector: known platform stalls for tests. The native `stall-injector` spins on one CPU
// at SCHED_FIFO at the stall recorder's own priority (so neither the recorder nor anything at
// normal priority runs there meanwhile) and reports the intervals it actually took. Needs root
// (or CAP_SYS_NICE).
import { z } from 'zod';
import { UserError } from '../errors/user-error.ts';
import { ensureDriverBuilt } from './build.ts';
import { runToCompletion } from './child-output.ts';

const ns = z.number().int().nonnegative();

export const stallInjectionSchema = z.object({
  schema_version: z.literal(1),
  tool: z.literal('stall-injector'),
  /** The injector's t0 on CLOCK_MONOTONIC; interval times are relative to it. */
  t0_monotonic_ns: z.string().regex(/^\d+$/),
  t0_unix_ns: z.string().regex(/^\d+$/),
  t0_pairing_uncertainty_ns: ns,
  cpu: z.number().int().nonnegative(),
  priority: z.number().int(),
  injected: z.array(z.object({ start_ns: ns, end_ns: ns })),
});
export type StallInjection = z.infer<typeof stallInjectionSchema>;

export interface StallInjectorOptions {
  cpu: number;
  /** Length of each stall. Default 5000 µs. */
  spin_us?: number;
  /** Time between stall starts. Default 500 ms. */
  every_ms?: number;
  /** Number of stalls. Default 5. */
  count?: number;
  /** Time from start to the first stall. Default 500 ms. */
  first_ms?: number;
}

export async function runStallInjector(o: StallInjectorOptions): Promise<StallInjection> {
  const { stallInjector } = await ensureDriverBuilt();
  const args = ['--cpu', String(o.cpu)];
  if (o.spin_us !== undefined) args.push('--spin-us', String(o.spin_us));
  if (o.every_ms !== undefined) args.push('--every-ms', String(o.every_ms));
  if (o.count !== undefined) args.push('--count', String(o.count));
  if (o.first_ms !== undefined) args.push('--first-ms', String(o.first_ms));
  const { code, signal, stdout, stderr } = await runToCompletion(stallInjector, args);
  if (code !== 0) {
    const msg = stderr.trim() || `stall-injector exited with ${signal ?? code}`;
    throw code === 2 ? new UserError(msg) : new Error(msg);
  }
  return stallInjectionSchema.parse(JSON.parse(stdout));
}
