import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardUnload, UNLOAD_QUESTION, type UnloadEventLike } from './unloadGuard';

function fakeUnloadEvent() {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  } satisfies UnloadEventLike & { prevented: boolean };
}

describe('guardUnload', () => {
  it('asks in French; « Abandonner » lets the window close, « Continuer la saisie » keeps it', () => {
    const contents = new EventEmitter();
    const answers = [0, 1];
    const asked: string[] = [];
    guardUnload(contents as never, (q) => {
      asked.push(q.message);
      return answers.shift()!;
    });
    const leave = fakeUnloadEvent();
    contents.emit('will-prevent-unload', leave);
    expect(leave.prevented).toBe(true);
    const stay = fakeUnloadEvent();
    contents.emit('will-prevent-unload', stay);
    expect(stay.prevented).toBe(false);
    expect(asked).toEqual(['Abandonner les modifications ?', 'Abandonner les modifications ?']);
    // Escape / closing the box = the safe choice.
    expect(UNLOAD_QUESTION.cancelId).toBe(1);
    expect(UNLOAD_QUESTION.buttons[UNLOAD_QUESTION.cancelId]).toBe('Continuer la saisie');
  });
});
