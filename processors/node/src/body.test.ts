import { describe, expect, it } from 'vitest';
import { hasMediaType } from './body.ts';

describe('hasMediaType', () => {
  it.each(['application/json', 'Application/JSON', 'application/json; charset=utf-8', ' application/json ;x=y'])(
    'accepts %j as application/json',
    (header) => {
      expect(hasMediaType(header, 'application/json')).toBe(true);
    },
  );

  it.each([undefined, '', 'text/plain', 'application/jsonx', 'application/json-seq', 'application/*'])(
    'refuses %j as application/json',
    (header) => {
      expect(hasMediaType(header, 'application/json')).toBe(false);
    },
  );
});
