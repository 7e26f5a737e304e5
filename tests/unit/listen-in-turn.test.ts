import { describe, expect, it } from 'vitest';
import { playInTurn } from '../../web/src/shared/listen-in-turn.ts';

/** A player that only records what was started and keeps each `ended` to call by hand. */
function fakePlayer() {
  const started: string[] = [];
  const endings: Array<() => void> = [];
  return {
    started,
    playOne(item: string, ended: () => void) {
      started.push(item);
      endings.push(ended);
    },
    end(index: number) {
      endings[index]?.();
    },
  };
}

describe('playing a page in turn', () => {
  it('starts the first at once and each next only when the one before has ended', () => {
    const player = fakePlayer();
    const turn = playInTurn(['a', 'b', 'c'], player.playOne);
    expect(player.started).toEqual(['a']);
    player.end(0);
    expect(player.started).toEqual(['a', 'b']);
    player.end(1);
    expect(player.started).toEqual(['a', 'b', 'c']);
    expect(turn.playing).toBe(true);
    player.end(2);
    expect(turn.playing).toBe(false);
    expect(player.started).toEqual(['a', 'b', 'c']);
  });

  it('starts nothing more once stopped, even when the one playing then ends', () => {
    const player = fakePlayer();
    const turn = playInTurn(['a', 'b'], player.playOne);
    turn.stop();
    expect(turn.playing).toBe(false);
    player.end(0);
    expect(player.started).toEqual(['a']);
  });

  it('moves on once for an ending heard twice', () => {
    const player = fakePlayer();
    playInTurn(['a', 'b', 'c'], player.playOne);
    player.end(0);
    player.end(0);
    expect(player.started).toEqual(['a', 'b']);
  });

  it('goes on past one that ends at once, and is over at once with nothing to play', () => {
    const started: string[] = [];
    playInTurn(['skip', 'b'], (item, ended) => {
      started.push(item);
      if (item === 'skip') ended();
    });
    expect(started).toEqual(['skip', 'b']);
    const empty = playInTurn([], () => {
      throw new Error('nothing to play');
    });
    expect(empty.playing).toBe(false);
  });
});
