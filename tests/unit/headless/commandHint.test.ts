// A flag in a message is shown with the command the user ran: `npm start -- --port 0`, not a bare `--port 0`
// that `npm start --port 0` would hand to npm itself.
import { describe, expect, it } from 'vitest';
import { USAGE_LINE } from '../../../electron/headless/args';
import { commandPrefix, lockedMessage, usageFor, withFlags } from '../../../electron/headless/commandHint';

describe('withFlags', () => {
  it('names the npm script that started the process', () => {
    expect(withFlags('--port 0', { npm_lifecycle_event: 'start' })).toBe('`npm start -- --port 0`');
    expect(withFlags('--port 0', { npm_lifecycle_event: 'headless' })).toBe('`npm run headless -- --port 0`');
    expect(withFlags('--port 0', { npm_lifecycle_event: 'demo' })).toBe('`npm run demo -- --port 0`');
  });

  it('the flags alone when started otherwise (node, a packaged app, another script)', () => {
    expect(withFlags('--port 0', {})).toBe('`--port 0`');
    expect(commandPrefix({ npm_lifecycle_event: 'test' })).toBeNull();
    expect(commandPrefix({ npm_lifecycle_event: 'constructor' })).toBeNull();
  });
});

it('the usage line starts with the command the user ran', () => {
  expect(usageFor(USAGE_LINE, { npm_lifecycle_event: 'start' })).toMatch(/^usage: npm start -- \[--alerts <path>\]/);
  expect(usageFor(USAGE_LINE, {})).toBe(USAGE_LINE);
  expect(USAGE_LINE).toContain('[--demo]');
});

it('another FIM Verdict on the data folder: the way out names --data-dir with the command', () => {
  expect(lockedMessage(42, '/home/a/.config/FIM Verdict', { npm_lifecycle_event: 'start' })).toBe(
    'another FIM Verdict (pid 42) is already using /home/a/.config/FIM Verdict: stop it, or start with `npm start -- --data-dir <another folder>`',
  );
});
