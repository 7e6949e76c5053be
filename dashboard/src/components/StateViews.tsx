import type { ReactNode } from 'react';
import type { ApiFailure } from '../api/source.ts';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading" role="status" data-testid="loading">
      Loading {what}…
    </div>
  );
}

export function ErrorBox({ error, title }: { error: ApiFailure | string; title?: string }) {
  const message = typeof error === 'string' ? error : error.message;
  const status = typeof error === 'string' ? undefined : error.status;
  return (
    <div className="state state-error" role="alert" data-testid="error">
      <strong>{title ?? (status === 400 ? 'Invalid selection' : status === 404 ? 'Not found' : 'Something went wrong')}</strong>
      <p>{message}</p>
      {status === 400 ? <p>Pick a run or view from the bar above, or <a href="#view=overview">start over</a>.</p> : null}
    </div>
  );
}

export function EmptyState({ children, command }: { children: ReactNode; command: string }) {
  return (
    <div className="state state-empty" data-testid="empty">
      <p>{children}</p>
      <pre className="command">{command}</pre>
    </div>
  );
}
