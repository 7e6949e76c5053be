import { describe, expect, it } from 'vitest';
import { isAllowed, matchRoute, pathOf } from './routes.ts';

describe('matchRoute', () => {
  it.each([
    ['/health', 'health'],
    ['/metrics', 'metrics'],
    ['/v1/events', 'events'],
    ['/v1/reads', 'reads'],
    ['/v1/stats', 'stats'],
    ['/v1/reset', 'reset'],
    ['/v1/keys/sensor-1', 'key'],
  ])('routes %s to %s', (path, name) => {
    expect(matchRoute(path)?.route.name).toBe(name);
  });

  it('ignores the query string', () => {
    expect(matchRoute('/v1/stats?verbose=1')?.route.name).toBe('stats');
    expect(matchRoute('/v1/keys/a?x=/y')?.key).toBe('a');
  });

  it.each(['/', '/v1/keys/', '/v1/keys', '/v1/keys/a/b', '/health/', '//health', '/HEALTH', '*', ''])(
    'treats %j as an unknown path',
    (path) => {
      expect(matchRoute(path)).toBeUndefined();
    },
  );

  it('takes the key segment as sent, without percent-decoding', () => {
    expect(matchRoute('/v1/keys/a%2Fb')?.key).toBe('a%2Fb');
  });

  it('routes an absolute-form target by its path', () => {
    expect(matchRoute('http://127.0.0.1:8080/v1/stats?x')?.route.name).toBe('stats');
    expect(pathOf('http://host')).toBe('/');
  });
});

describe('isAllowed', () => {
  it('allows GET and HEAD on GET routes, and only POST on POST routes', () => {
    const health = matchRoute('/health')!.route;
    const events = matchRoute('/v1/events')!.route;
    expect([isAllowed(health, 'GET'), isAllowed(health, 'HEAD'), isAllowed(health, 'POST')]).toEqual([true, true, false]);
    expect([isAllowed(events, 'POST'), isAllowed(events, 'GET'), isAllowed(events, undefined)]).toEqual([true, false, false]);
    expect([health.allow, events.allow]).toEqual(['GET, HEAD', 'POST']);
  });
});
