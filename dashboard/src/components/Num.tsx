import type { ReactNode } from 'react';

/** A number in monospace with tabular digits, so columns line up. */
export function Num({ children, className }: { children: ReactNode; className?: string }) {
  return <span className={`num${className ? ` ${className}` : ''}`}>{children}</span>;
}
