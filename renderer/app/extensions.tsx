/**
 * Slots where features mount app-wide pieces (search box in the toolbar, window-title badge, open-file
 * handling) without App.tsx knowing each of them. Each feature adds its component to the list for a slot.
 */
import type { ComponentType } from 'react';

const toolbar: ComponentType[] = [];
const global: ComponentType[] = [];

export function registerExtension(slot: 'toolbar' | 'global', component: ComponentType): void {
  (slot === 'toolbar' ? toolbar : global).push(component);
}

export function AppExtensions({ slot }: { slot: 'toolbar' | 'global' }) {
  const list = slot === 'toolbar' ? toolbar : global;
  return (
    <>
      {list.map((C, i) => (
        <C key={i} />
      ))}
    </>
  );
}
