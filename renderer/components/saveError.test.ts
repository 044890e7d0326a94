import { describe, expect, it } from 'vitest';
import { ValidationError } from '../db/store';
import { DISK_FULL_MESSAGE } from '../db/storageErrors';
import { saveErrorOf, saveFailureText } from './saveError';

describe('saveErrorOf', () => {
  it('puts a refused value on its field', () => {
    expect(saveErrorOf(new ValidationError('SIRET invalide.', 'siret'))).toEqual({ field: 'siret', message: 'SIRET invalide.' });
    expect(saveErrorOf(new ValidationError('Refusé.'))).toEqual({ field: '', message: 'Refusé.' });
  });

  it('says in French that the disk is full, whatever wraps the quota error', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(saveErrorOf(quota)).toEqual({ field: '', message: DISK_FULL_MESSAGE });
    const abort = Object.assign(new Error('AbortError: QuotaExceededError'), { name: 'AbortError', inner: quota });
    expect(saveFailureText(abort)).toBe(DISK_FULL_MESSAGE);
  });

  it('names any other failure and says nothing was saved', () => {
    const text = saveFailureText(new Error('boom'), 'Fusion impossible');
    expect(text).toMatch(/^Fusion impossible : boom\. Rien n'a été enregistré/);
    expect(saveErrorOf('x').message).toMatch(/^Enregistrement impossible : x\./);
  });
});
