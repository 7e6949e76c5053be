// The golden-vector file format (processors/README.md, "Golden vectors"; scenarios/README.md).
// One extension over the spec's example: `expect.headers` checks response headers by lower-case
// name, used where the spec demands one (the `Allow` header of a 405).
import { z } from 'zod';

export const ANY_NON_EMPTY_STRING = '<any non-empty string>';

const BODY_FIELDS = ['json', 'text', 'base64', 'repeat'] as const;

export const vectorRequestSchema = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
    path: z.string().startsWith('/'),
    headers: z.record(z.string(), z.string()).optional(),
    json: z.unknown().optional(),
    text: z.string().optional(),
    base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64').optional(),
    repeat: z.object({ text: z.string().min(1), bytes: z.number().int().nonnegative() }).strict().optional(),
  })
  .strict()
  .superRefine((request, ctx) => {
    const bodies = BODY_FIELDS.filter((f) => f in request);
    if (bodies.length > 1) ctx.addIssue({ code: 'custom', message: `at most one body field, got ${bodies.join(' and ')}` });
  });

export const vectorExpectSchema = z
  .object({
    status: z.number().int().min(100).max(599),
    body: z.unknown().refine((b) => b !== undefined, 'expect.body is required'),
    headers: z.record(z.string().regex(/^[a-z0-9-]+$/, 'header names are lower-case'), z.string()).optional(),
  })
  .strict();

export const vectorStepSchema = z
  .object({
    /** Why this step exists, when the description does not say it. */
    note: z.string().optional(),
    request: vectorRequestSchema,
    expect: vectorExpectSchema,
  })
  .strict();

export const vectorSchema = z
  .object({
    description: z.string().min(1),
    steps: z.array(vectorStepSchema).min(1),
  })
  .strict();

export type Vector = z.infer<typeof vectorSchema>;
export type VectorStep = z.infer<typeof vectorStepSchema>;
export type VectorRequest = z.infer<typeof vectorRequestSchema>;

/** The exact bytes a vector request sends (undefined = no body). */
export function requestBody(request: VectorRequest): Buffer | undefined {
  if ('json' in request) return Buffer.from(JSON.stringify(request.json), 'utf8');
  if (request.text !== undefined) return Buffer.from(request.text, 'utf8');
  if (request.base64 !== undefined) return Buffer.from(request.base64, 'base64');
  if (request.repeat !== undefined) {
    const unit = Buffer.from(request.repeat.text, 'utf8');
    const out = Buffer.alloc(request.repeat.bytes);
    for (let at = 0; at < out.length; at += unit.length) unit.copy(out, at, 0, Math.min(unit.length, out.length - at));
    return out;
  }
  return undefined;
}
