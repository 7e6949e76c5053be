import type { ReactNode } from 'react';

/** A titled panel around one chart or table; `testId` lets the browser tests find it. */
export function Card({ title, note, testId, children }: { title: string; note?: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <section className="card" data-testid={testId}>
      <h3>{title}</h3>
      {note ? <p className="note">{note}</p> : null}
      {children}
    </section>
  );
}
