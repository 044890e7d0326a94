/**
 * Code splitting: a section or a tool is its own chunk, fetched the first time it is shown, so the first screen
 * parses only its own code (`app.js_kb_before_first_screen` in `npm run bench`). New sections and heavy tools
 * (import, reading, reports…) should be declared this way in App.tsx or where they open:
 *
 *     const ReportsPage = lazyNamed(() => import('../features/reports/ReportsPage'), 'ReportsPage');
 *
 * The fallback says « Chargement… » with aria-busy, so the readiness marker (readiness.tsx) waits for the chunk.
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/** `React.lazy` for a module's named export (our components are named, not default, exports). */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  // The cast is safe: M[K] is a component of the module; `lazy` only needs it as a default export.
  return lazy(async () => ({ default: (await load())[name] as ComponentType<object> })) as M[K];
}

export function SectionLoading() {
  return (
    <div aria-busy="true" role="status" style={{ padding: 8 }}>
      Chargement…
    </div>
  );
}

/** Suspense boundary for a lazily loaded section or tool; `fallback={null}` for pieces that show nothing meanwhile. */
export function Lazy({ children, fallback = <SectionLoading /> }: { children: ReactNode; fallback?: ReactNode }) {
  return <Suspense fallback={fallback}>{children}</Suspense>;
}
