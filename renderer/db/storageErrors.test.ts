import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DISK_FULL_MESSAGE, storageFailureMessage } from './storageErrors';
import { errorMessage } from '../features/sync/actions';

describe('storageFailureMessage', () => {
  const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  it('recognises the browser error, Dexie’s abort around it, and the abort as Dexie reports it', () => {
    expect(storageFailureMessage(quota)).toBe(DISK_FULL_MESSAGE);
    expect(storageFailureMessage(new Dexie.AbortError('Transaction aborted', quota))).toBe(DISK_FULL_MESSAGE);
    const reported = Object.assign(new Error('QuotaExceededError'), { name: 'AbortError' });
    expect(storageFailureMessage(reported)).toBe(DISK_FULL_MESSAGE);
  });
  it('leaves other errors alone', () => {
    expect(storageFailureMessage(new Error('autre chose'))).toBeUndefined();
    expect(storageFailureMessage(new Dexie.AbortError('Transaction aborted'))).toBeUndefined();
    expect(storageFailureMessage('QuotaExceededError')).toBeUndefined();
  });
  it('is what the import, restore and backup screens say (errorMessage)', () => {
    expect(errorMessage(new Dexie.AbortError('Transaction aborted', quota))).toBe(DISK_FULL_MESSAGE);
    expect(errorMessage(new Error('Fichier endommagé'))).toBe('Fichier endommagé');
  });
});
