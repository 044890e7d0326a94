/**
 * index.html's first module, ahead of main.tsx: the derived-state worker starts reading the dashboard's snapshot
 * while the main bundle is fetched and evaluated (renderer/derived/prestart.ts).
 */
import { prestartDerived } from './derived/prestart';
import { DATABASE_NAME } from './db/name';

prestartDerived(DATABASE_NAME);
performance.mark('état dérivé lancé');
