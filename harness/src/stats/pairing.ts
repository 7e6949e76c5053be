// Matching the rounds of two sides. Round r of A and round r of B ran close together (in one run,
// the same round of the interleaved order; across two runs, the same position in each), so the
// log-ratio of each matched round cancels what the machine did to both. A round measured on one
// side only is left out of the pairing and named; when too few rounds match, or a side has
// several values for one round (a pooled baseline), the comparison falls back to unpaired and
// says why.

export interface Keyed {
  key: string;
  value: number;
}

export type Pairing =
  | { kind: 'paired'; a: number[]; b: number[]; keys: string[]; unmatched: string[] }
  | { kind: 'unpaired'; reason: string };

function duplicates(xs: readonly Keyed[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const x of xs) (seen.has(x.key) ? dup : seen).add(x.key);
  return [...dup];
}

export function matchRounds(a: readonly Keyed[], b: readonly Keyed[], min_pairs: number): Pairing {
  const dupA = duplicates(a);
  const dupB = duplicates(b);
  if (dupA.length || dupB.length) {
    const side = dupA.length ? `A has ${dupA.length > 1 ? 'rounds' : 'round'} ${dupA.join(', ')}` : `B has ${dupB.length > 1 ? 'rounds' : 'round'} ${dupB.join(', ')}`;
    return { kind: 'unpaired', reason: `${side} more than once (several runs pooled): rounds cannot be matched` };
  }
  const byKey = new Map(b.map((x) => [x.key, x.value]));
  const keys = a.filter((x) => byKey.has(x.key)).map((x) => x.key);
  const matched = new Set(keys);
  const unmatched = [...a.filter((x) => !matched.has(x.key)).map((x) => `A ${x.key}`), ...b.filter((x) => !matched.has(x.key)).map((x) => `B ${x.key}`)];
  if (keys.length < min_pairs) {
    return { kind: 'unpaired', reason: `${keys.length} round(s) measured on both sides, fewer than ${min_pairs}${unmatched.length ? ` (unmatched: ${unmatched.join(', ')})` : ''}` };
  }
  const byKeyA = new Map(a.map((x) => [x.key, x.value]));
  return { kind: 'paired', a: keys.map((k) => byKeyA.get(k)!), b: keys.map((k) => byKey.get(k)!), keys, unmatched };
}
