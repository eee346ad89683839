import {
  formatTimestamp,
  generateId,
  ID_ALPHABET,
  isNbprojectId,
  parseTimestamp
} from '../../../core/nbproject/ids';

describe('notebook ids', () => {
  it('are 12 characters of nbproject base62 alphabet', () => {
    for (let i = 0; i < 200; i++) {
      expect(generateId()).toMatch(/^[0-9A-Za-z]{12}$/);
    }
  });

  it('uses digits, then upper, then lower case letters like nbproject', () => {
    expect(ID_ALPHABET).toBe(
      '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
    );
  });

  it('rejects bytes of 248 and above so every character is equally likely', () => {
    // A source that offers only biased bytes first: 248..255 must be skipped.
    let call = 0;
    const random = (buffer: Uint8Array) => {
      buffer.fill(call++ === 0 ? 250 : 61);
      return buffer;
    };
    expect(generateId(random)).toBe('z'.repeat(12));
    expect(call).toBe(2);
  });

  it('maps byte b below 248 to alphabet[b % 62]', () => {
    const bytes = [0, 61, 62, 123, 124, 247, 10, 36, 9, 35, 1, 2];
    const random = (buffer: Uint8Array) => {
      buffer.fill(255);
      buffer.set(bytes);
      return buffer;
    };
    expect(generateId(random)).toBe('0z0z0zAa9Z12');
  });

  it('are spread evenly over the alphabet (chi-square on 62,000 characters)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 62000 / 12; i++) {
      for (const c of generateId()) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const expected = total / 62;
    const chi2 = [...ID_ALPHABET].reduce(
      (sum, c) => sum + ((counts.get(c) ?? 0) - expected) ** 2 / expected,
      0
    );
    // 61 degrees of freedom: p = 1e-6 at about 130.
    expect(chi2).toBeLessThan(130);
  });

  it('recognises the id shape', () => {
    expect(isNbprojectId('Zv1wV7oM9ztH')).toBe(true);
    expect(isNbprojectId('Zv1wV7oM9zt')).toBe(false);
    expect(isNbprojectId('Zv1wV7oM9zt!')).toBe(false);
  });
});

describe('time_init', () => {
  it("is written like Python's datetime.isoformat() in UTC", () => {
    expect(
      formatTimestamp(new Date(Date.UTC(2022, 6, 18, 12, 32, 21, 625)))
    ).toBe('2022-07-18T12:32:21.625000+00:00');
  });

  it('omits microseconds when they are zero, as Python does', () => {
    expect(formatTimestamp(new Date(Date.UTC(2022, 6, 18, 12, 32, 21)))).toBe(
      '2022-07-18T12:32:21+00:00'
    );
  });

  it('reads nbproject timestamps back to the same moment', () => {
    const date = parseTimestamp('2022-07-18T12:32:21.625107+00:00')!;
    expect(date.toISOString()).toBe('2022-07-18T12:32:21.625Z');
    expect(parseTimestamp('2022-07-18T14:32:21+02:00')!.toISOString()).toBe(
      '2022-07-18T12:32:21.000Z'
    );
  });

  it('rejects text that is not a time', () => {
    expect(parseTimestamp('yesterday')).toBeNull();
    expect(parseTimestamp('2022-13-45T99:99:99+00:00')).toBeNull();
    expect(parseTimestamp('')).toBeNull();
  });
});
