// Which files are code, in which language, lexed by which rules (by extension).
import type { Syntax } from './mask.ts';

export interface SourceLanguage {
  language: string;
  syntax: Syntax;
}

const BY_EXTENSION: Record<string, SourceLanguage> = {
  '.go': { language: 'Go', syntax: 'go' },
  '.rs': { language: 'Rust', syntax: 'rust' },
  '.ts': { language: 'TypeScript', syntax: 'js' },
  '.mts': { language: 'TypeScript', syntax: 'js' },
  '.cts': { language: 'TypeScript', syntax: 'js' },
  '.tsx': { language: 'TypeScript', syntax: 'js' },
  '.js': { language: 'JavaScript', syntax: 'js' },
  '.mjs': { language: 'JavaScript', syntax: 'js' },
  '.cjs': { language: 'JavaScript', syntax: 'js' },
  '.c': { language: 'C', syntax: 'cpp' },
  '.h': { language: 'C/C++ header', syntax: 'cpp' },
  '.cc': { language: 'C++', syntax: 'cpp' },
  '.cpp': { language: 'C++', syntax: 'cpp' },
  '.cxx': { language: 'C++', syntax: 'cpp' },
  '.hpp': { language: 'C++', syntax: 'cpp' },
  '.hh': { language: 'C++', syntax: 'cpp' },
  '.hxx': { language: 'C++', syntax: 'cpp' },
  '.ipp': { language: 'C++', syntax: 'cpp' },
};

export function languageOf(file: string): SourceLanguage | undefined {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? undefined : BY_EXTENSION[file.slice(dot).toLowerCase()];
}

export const COUNTED_EXTENSIONS = Object.keys(BY_EXTENSION);
