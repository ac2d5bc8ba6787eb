import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from './login-throttle.js';

describe('createLoginThrottle', () => {
  it('locks an account after the fifth failure within the window, for the lock’s duration, whatever the case of its name', () => {
    let now = 0;
    const throttle = createLoginThrottle({ now: () => now });
    for (let i = 0; i < 4; i += 1) throttle.failed('Superviseur.Demo');
    expect(throttle.locked('superviseur.demo')).toBe(false);
    throttle.failed(' superviseur.demo ');
    expect(throttle.locked('SUPERVISEUR.DEMO')).toBe(true);
    expect(throttle.locked('directrice.energie')).toBe(false);
    now += 900_000;
    expect(throttle.locked('superviseur.demo')).toBe(false);
  });

  it('forgets failures older than the window, and all of them after a success', () => {
    let now = 0;
    const throttle = createLoginThrottle({ now: () => now });
    for (let i = 0; i < 4; i += 1) throttle.failed('a');
    now += 900_001;
    throttle.failed('a');
    expect(throttle.locked('a')).toBe(false);
    for (let i = 0; i < 3; i += 1) throttle.failed('a');
    throttle.succeeded('a');
    throttle.failed('a');
    expect(throttle.locked('a')).toBe(false);
  });
});
