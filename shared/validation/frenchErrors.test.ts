import { describe, expect, it } from 'vitest';
import { z } from './zod';
import * as domain from '../domain';
import * as settings from '../settings/schema';
import * as contract from '../ipc/contract';
import * as syncFormat from '../sync/format';
import * as formsModel from '../forms/model';
import { frenchMessage } from './frenchErrors';

/** Words of zod's English messages (and of its own French locale, which our map replaces). */
const FOREIGN = /\b(expected|received|invalid input|too big|too small|must|should|characters?|required|unrecognized|Entrée invalide|Trop grand|Trop petit)\b/i;

function schemasOf(mod: Record<string, unknown>): [string, z.ZodType][] {
  return Object.entries(mod).filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType);
}

const allSchemas = [domain, settings, contract, syncFormat, formsModel].flatMap((m) => schemasOf(m as Record<string, unknown>));

/** The values that make a field fail: wrong type, missing, too long, bad format (a date, an id, an enum…). */
const failures: unknown[] = [12345, 'texte', undefined, null, 'x'.repeat(100_001), '31/02/2025', '2025-02-31', true, [1], { a: 1 }, -1, 1.5];

/** Every object path of a schema (nested objects and arrays of objects included). */
function paths(schema: z.ZodType, prefix: string[] = [], depth = 0): string[][] {
  if (depth > 4) return [];
  const def = (schema as { def?: { type?: string; innerType?: z.ZodType; element?: z.ZodType; in?: z.ZodType } }).def;
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([k, s]) => [[...prefix, k], ...paths(s, [...prefix, k], depth + 1)]);
  }
  if (def?.innerType) return paths(def.innerType, prefix, depth + 1);
  if (def?.in) return paths(def.in, prefix, depth + 1);
  if (schema instanceof z.ZodArray) return paths(schema.element as z.ZodType, [...prefix, '0'], depth + 1);
  return [];
}

function withValue(path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return /^\d+$/.test(head!) ? [withValue(rest, value)] : { [head!]: withValue(rest, value) };
}

describe('one French error map for every schema', () => {
  it('covers the schemas of every module', () => {
    expect(allSchemas.length).toBeGreaterThan(20);
  });

  it.each(allSchemas)('%s: every failure mode is worded in French', (_name, schema) => {
    const inputs: unknown[] = [...failures];
    for (const p of paths(schema)) for (const v of failures) inputs.push(withValue(p, v));
    let seen = 0;
    for (const input of inputs) {
      const r = schema.safeParse(input);
      if (r.success) continue;
      for (const issue of r.error.issues) {
        seen++;
        expect(issue.message, `${String(JSON.stringify(input)).slice(0, 80)} → ${issue.message}`).not.toMatch(FOREIGN);
        expect(issue.message).toMatch(/[a-zàâçéèêëîïôûù]/i);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('words the usual failures exactly', () => {
    const msg = (s: z.ZodType, v: unknown) => s.safeParse(v).error?.issues[0]?.message;
    expect(msg(domain.partnerSchema.shape.name, 'x'.repeat(201))).toBe('Texte trop long : 200 caractères au plus.');
    expect(msg(z.string(), 42)).toBe('Valeur invalide : un texte est attendu.');
    expect(msg(z.object({ a: z.string() }), {})).toBe('Valeur obligatoire.');
    expect(msg(domain.isoDate, '2025/02/31')).toBe('Date attendue au format jj/mm/aaaa.');
    expect(msg(domain.partnerKindSchema, 'mairie')).toBe('Valeur non reconnue : choisissez une valeur de la liste.');
    expect(msg(z.number().max(365), 400)).toBe('Valeur trop grande : 365 au plus.');
    expect(msg(z.email(), 'pas-un-mail')).toBe('Adresse mél invalide (ex. prenom.nom@mairie.fr).');
    expect(msg(z.object({}).strict(), { b: 1 })).toBe('Champ inconnu : b.');
  });

  it('an unknown issue code falls back to a French wording', () => {
    const m = frenchMessage({ code: 'invalid_key', origin: 'map', issues: [], input: 1 } as unknown as Parameters<typeof frenchMessage>[0]);
    expect(m).toBe('Valeur invalide.');
  });

});
