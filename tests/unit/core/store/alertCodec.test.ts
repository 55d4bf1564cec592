// The compact encodings of alert_rows give back exactly what came in, whatever it is: an encoding is used only when
// it does, and anything else is kept as it came.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeAlertId,
  decodeTimestamp,
  encodeAlertId,
  encodeMtime,
  encodeTimestamp,
  hashMaskOf,
} from '../../../../electron/core/store/alertCodec';

const alertIdBack = (id: string) => decodeAlertId(...encodeAlertId(id));
const mtimeBack = (m: string | null) => {
  const v = encodeMtime(m);
  return v === null ? null : String(v);
};

describe('alert ids', () => {
  it('packs Wazuh ids as two integers and gives them back', () => {
    expect(encodeAlertId('1780574375.627011632')).toEqual([1780574375, 627011632]);
    expect(alertIdBack('1780574375.627011632')).toBe('1780574375.627011632');
    expect(alertIdBack('0.0')).toBe('0.0');
  });

  it('keeps whole what two integers cannot give back', () => {
    for (const id of ['0001700000000.012', '1.2.3', '17', '.5', '5.', '1e3.4', ' 1.2', '99999999999999999.1', '']) {
      expect(encodeAlertId(id)[0]).toBe(-1);
      expect(alertIdBack(id)).toBe(id);
    }
  });

  it('gives any string back', () => {
    fc.assert(fc.property(fc.string(), (id) => alertIdBack(id) === id));
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (s, n) => {
        const id = `${s}.${n}`;
        return encodeAlertId(id)[0] === s && alertIdBack(id) === id;
      }),
    );
  });
});

describe('timestamps', () => {
  const ts = Date.UTC(2026, 5, 4, 11, 59, 35, 323);

  it('keeps the zone offset of a Wazuh timestamp that is exactly the time', () => {
    expect(encodeTimestamp('2026-06-04T11:59:35.323+0000', ts)).toBe(0);
    expect(encodeTimestamp('2026-06-04T17:44:35.323+0545', ts)).toBe(345);
    expect(encodeTimestamp('2026-06-04T08:29:35.323-0330', ts)).toBe(-210);
    for (const t of ['2026-06-04T17:44:35.323+0545', '2026-06-04T08:29:35.323-0330'])
      expect(decodeTimestamp(encodeTimestamp(t, ts), ts)).toBe(t);
  });

  it('keeps whole a timestamp that is not exactly the time in its zone', () => {
    for (const t of [
      '2026-06-04T11:59:35.5Z',
      '2026-06-04T11:59:35Z',
      '2026-06-04T11:59:36.323+0000',
      '2026-06-04 11:59:35.323+0000',
      '2026-06-04T11:59:35.323+00:00',
      'Jun 04 11:59:35',
      '',
    ]) {
      expect(typeof encodeTimestamp(t, ts)).toBe('string');
      expect(decodeTimestamp(encodeTimestamp(t, ts), ts)).toBe(t);
    }
  });

  it('gives any timestamp back for any time', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: -1e13, max: 1e13 }), (t, ms) => {
        return decodeTimestamp(encodeTimestamp(t, ms), ms) === t;
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 86_400_000, max: 4e12 }),
        fc.integer({ min: -18 * 60, max: 18 * 60 }),
        (ms, off) => {
          const local = new Date(ms + off * 60_000).toISOString().slice(0, 23);
          const abs = Math.abs(off);
          const t = `${local}${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
          return encodeTimestamp(t, ms) === off && decodeTimestamp(off, ms) === t;
        },
      ),
    );
  });
});

describe('mtime', () => {
  it('is an integer when Wazuh wrote epoch seconds, else kept as written', () => {
    expect(encodeMtime('1733312345')).toBe(1733312345);
    for (const m of ['01733312345', '2026-06-04T11:59:32', '-5', '1.5', '9'.repeat(16), '', null])
      expect(mtimeBack(m)).toBe(m);
    fc.assert(fc.property(fc.string(), (m) => mtimeBack(m) === m));
  });
});

describe('hash bits', () => {
  const file = { md5: 'a'.repeat(32), sha1: 'b'.repeat(40), sha256: 'c'.repeat(64) };

  it('says which hashes the alert carried that are its file', () => {
    expect(hashMaskOf({ md5: file.md5, sha1: null, sha256: file.sha256 }, file)).toEqual({ mask: 5, explicit: false });
    expect(hashMaskOf({ md5: null, sha1: null, sha256: null }, null)).toEqual({ mask: 0, explicit: false });
  });

  it('keeps the hashes whole when one is not its file (or there is no file)', () => {
    expect(hashMaskOf({ md5: 'd'.repeat(32), sha1: null, sha256: file.sha256 }, file).explicit).toBe(true);
    expect(hashMaskOf({ md5: null, sha1: file.sha1, sha256: null }, { ...file, sha1: null }).explicit).toBe(true);
    expect(hashMaskOf({ md5: file.md5, sha1: null, sha256: null }, null).explicit).toBe(true);
  });
});
