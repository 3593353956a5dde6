import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../../src/core/money.ts';

describe('parseMoney', () => {
  it('reads the ways sellers type prices', () => {
    expect(parseMoney('25')).toBe(25);
    expect(parseMoney('25.5')).toBe(25.5);
    expect(parseMoney(' $25.50 ')).toBe(25.5);
    expect(parseMoney('1,200')).toBe(1200);
    expect(parseMoney('1 200,99')).toBe(1200.99);
    expect(parseMoney('12,50')).toBe(12.5);
    expect(parseMoney('0')).toBe(0);
  });
  it('refuses what is not an amount', () => {
    for (const bad of ['abc', '$abc', '', ' ', '12.345', '-5', '1e3', '12..5', '5 dollars', '2,00,000', '9999999']) expect(parseMoney(bad), bad).toBeNull();
  });
  it('formats the stored form', () => {
    expect(formatMoney(25)).toBe('25');
    expect(formatMoney(25.5)).toBe('25.50');
  });
});
