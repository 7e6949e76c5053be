// Replays the golden vectors against one running processor: POST /v1/reset before each file,
// then every step in order on one keep-alive connection. A failed step does not stop the file,
// so one run shows every difference.
import { HttpClient } from './http-client.ts';
import { checkResponse } from './check-response.ts';
import { requestBody } from './vector-schema.ts';
import type { VectorFile } from './load-vectors.ts';
import type { JsonDiff } from './compare.ts';

export interface VectorFailure extends JsonDiff {
  processor: string;
  vector: string;
  /** 1-based step number in the vector file. */
  step: number;
  /** e.g. `POST /v1/events` */
  request: string;
}

export interface VectorRunResult {
  processor: string;
  files: number;
  steps: number;
  failures: VectorFailure[];
}

export async function runVectors(processor: string, baseUrl: string, vectors: readonly VectorFile[]): Promise<VectorRunResult> {
  const failures: VectorFailure[] = [];
  let steps = 0;
  for (const { file, vector } of vectors) {
    // A fresh client per file: a server that closed the connection (after a 413) must not
    // affect the next file.
    const client = new HttpClient(baseUrl);
    try {
      const reset = await client.send({ method: 'POST', path: '/v1/reset' });
      if (reset.status !== 200) {
        failures.push({ processor, vector: file, step: 0, request: 'POST /v1/reset', path: 'status', expected: 200, actual: reset.status, message: 'reset before the vector failed' });
        continue;
      }
      for (const [i, step] of vector.steps.entries()) {
        steps += 1;
        const request = `${step.request.method} ${step.request.path}`;
        const body = requestBody(step.request);
        try {
          const response = await client.send({ method: step.request.method, path: step.request.path, ...(step.request.headers ? { headers: step.request.headers } : {}), ...(body ? { body } : {}) });
          const expectation = { status: step.expect.status, body: step.expect.body, ...(step.expect.headers ? { headers: step.expect.headers } : {}) };
          for (const diff of checkResponse(expectation, response)) failures.push({ processor, vector: file, step: i + 1, request, ...diff });
        } catch (err) {
          failures.push({ processor, vector: file, step: i + 1, request, path: '(request)', expected: step.expect.status, actual: (err as Error).message, message: 'no response' });
        }
      }
    } catch (err) {
      failures.push({ processor, vector: file, step: 0, request: 'POST /v1/reset', path: '(request)', expected: 200, actual: (err as Error).message, message: 'no response' });
    } finally {
      client.close();
    }
  }
  return { processor, files: vectors.length, steps, failures };
}
