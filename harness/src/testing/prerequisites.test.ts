import { describe, expect, it } from 'vitest';
import { missingLine, type Prerequisite } from './prerequisites.ts';

const fake = (name: string, present: boolean, install: Prerequisite['install']): Prerequisite => ({ name, for: `the ${name} tests`, present: () => present, install });

describe('missingLine', () => {
  it('says nothing when everything is there', () => {
    expect(missingLine([fake('a', true, { apt: ['a'] })])).toBeUndefined();
  });

  it('names every missing prerequisite and one command that installs them, on one line', () => {
    const line = missingLine([
      fake('clickhouse-server', false, { apt: ['clickhouse-server', 'clickhouse-client'] }),
      fake('chromium', false, { apt: ['chromium'] }),
      fake('chDB', false, { pip: ['chdb-core'] }),
      fake('present', true, { apt: ['never-named'] }),
    ]);
    expect(line).toBeDefined();
    expect(line).not.toContain('\n');
    expect(line).toContain('clickhouse-server (the clickhouse-server tests)');
    expect(line).toContain('`sudo apt-get install -y clickhouse-server clickhouse-client chromium && python3 -m pip install chdb-core`');
    expect(line).not.toContain('never-named');
    expect(line).toContain('.ci/run');
  });
});
