import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { moderateLine, moderateLines } from './cli.js';

describe('moderateLine (the `npm run -s moderate` contract)', () => {
  it('answers one JSON line with id, action and rule ids', () => {
    const out = JSON.parse(moderateLine('{"id":"a1","text":"You need to leave him tonight.","section":"rebuilding-connection"}'));
    expect(Object.keys(out)).toEqual(['id', 'action', 'rules']);
    expect(out).toMatchObject({ id: 'a1', action: 'nudge' });
    expect(out.rules).toEqual(expect.arrayContaining(['pressure-ultimatum', 'pressure-urgency']));
    expect(JSON.parse(moderateLine('{"id":"a2","text":"We had a quiet, lovely evening."}'))).toEqual({
      id: 'a2',
      action: 'publish',
      rules: [],
    });
  });

  it('lists each rule once', () => {
    const out = JSON.parse(moderateLine('{"id":"r","text":"Idiot. Moron. Loser. You idiot, you moron."}'));
    expect(out.rules).toEqual([...new Set(out.rules)]);
  });

  it.each([
    ['not json', '{oops'],
    ['an array', '[1,2]'],
    ['a number', '42'],
    ['no id', '{"text":"hi"}'],
    ['no text', '{"id":"x"}'],
    ['a numeric text', '{"id":"x","text":5}'],
    ['a bad section', '{"id":"x","text":"hi","section":3}'],
  ])('answers %s with {"id": null, "error"}', (_label, line) => {
    const out = JSON.parse(moderateLine(line));
    expect(out.id).toBeNull();
    expect(typeof out.error).toBe('string');
  });

  it('keeps order and skips blank lines', () => {
    const out = moderateLines('{"id":"1","text":"hello"}\n\n{bad\n{"id":"3","text":"I want to die."}\r\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['1', null, '3']);
    expect(out[2].action).toBe('crisis');
  });
});

const bin = join(__dirname, '../bin/moderate.mjs');
const built = existsSync(join(__dirname, '../dist/index.js'));

(built ? describe : describe.skip)('bin/moderate.mjs (after `npm run build`)', () => {
  it('reads JSON Lines on stdin and writes only verdict lines on stdout, in order', () => {
    const input = ['{"id":"p1","text":"Tonight we cooked together."}', 'garbage', '{"id":"p3","text":"You’re a pathetic loser."}', ''].join(
      '\n',
    );
    const res = spawnSync(process.execPath, [bin], { input, encoding: 'utf8' });
    expect(res.status).toBe(0);
    const lines = res.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: 'p1', action: 'publish', rules: [] },
      { id: null, error: 'line is not valid JSON' },
      { id: 'p3', action: 'hold', rules: ['respect-name-calling'] },
    ]);
  });
});
