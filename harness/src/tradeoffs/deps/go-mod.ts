// go.mod: since Go 1.17 its require blocks list every module that provides a package to the
// build (module graph pruning), with `// indirect` on those no package of the main module
// imports. go.sum is not used: it also holds hashes of modules read only for their go.mod.
import { sortedUnique, type SourceDependencies } from './types.ts';

export const GO_RULE =
  'go.mod require lines: direct = those without "// indirect", all = every one (Go ≥ 1.17 lists each module that provides a package to the build); go.sum is not counted (it also hashes modules read only for their go.mod)';

export function goModDependencies(text: string): SourceDependencies {
  const direct: string[] = [];
  const all: string[] = [];
  let inBlock = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (inBlock) {
      if (line.startsWith(')')) {
        inBlock = false;
        continue;
      }
      addRequirement(line, direct, all);
      continue;
    }
    if (/^require\s*\($/.test(line)) inBlock = true;
    else if (line.startsWith('require ')) addRequirement(line.slice('require '.length), direct, all);
  }
  return { direct: sortedUnique(direct), all: sortedUnique(all) };
}

function addRequirement(line: string, direct: string[], all: string[]): void {
  const m = /^(\S+)\s+(v\S+)(.*)$/.exec(line);
  if (!m) return;
  const id = `${m[1]}@${m[2]}`;
  all.push(id);
  if (!/\/\/\s*indirect\b/.test(m[3] ?? '')) direct.push(id);
}
