import { describe, expect, it } from 'vitest';
import { TurnCork, type Corkable } from './memcached-pool';

/** A socket that records cork/uncork, and a scheduler whose "turn end" the test runs by hand. */
function fixture() {
  const calls: string[] = [];
  const socket = (name: string): Corkable => ({ cork: () => calls.push(`cork ${name}`), uncork: () => calls.push(`uncork ${name}`) });
  let due: (() => void)[] = [];
  const endTurn = () => {
    const run = due;
    due = [];
    run.forEach((fn) => fn());
  };
  return { calls, socket, endTurn, turn: new TurnCork((fn) => due.push(fn)) };
}

describe('TurnCork', () => {
  it('corks a socket once per turn and uncorks it when the turn ends, so the turn’s writes leave together', () => {
    const { calls, socket, endTurn, turn } = fixture();
    const a = socket('a');
    turn.hold(a);
    turn.hold(a);
    turn.hold(a);
    expect(calls).toEqual(['cork a']);
    endTurn();
    expect(calls).toEqual(['cork a', 'uncork a']);
    turn.hold(a);
    endTurn();
    expect(calls).toEqual(['cork a', 'uncork a', 'cork a', 'uncork a']);
  });

  it('corks a new socket (a reconnect) even when the old one was corked in the same turn, and uncorks both', () => {
    const { calls, socket, endTurn, turn } = fixture();
    const [a, b] = [socket('a'), socket('b')];
    turn.hold(a);
    turn.hold(b);
    turn.hold(b);
    endTurn();
    expect(calls).toEqual(['cork a', 'cork b', 'uncork a', 'uncork b']);
  });
});
