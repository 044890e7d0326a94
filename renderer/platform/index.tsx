import { createContext, useContext, type ReactNode } from 'react';
import { createBrowserPlatform } from './browser';
import { createElectronPlatform, getBridge } from './electron';
import type { Platform } from './types';

export type { Platform, FolderKind, FileFilter } from './types';
export { PlatformError } from './types';

export function detectPlatform(): Platform {
  const bridge = getBridge();
  return bridge ? createElectronPlatform(bridge) : createBrowserPlatform();
}

const PlatformContext = createContext<Platform | null>(null);

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  return <PlatformContext.Provider value={platform}>{children}</PlatformContext.Provider>;
}

export function usePlatform(): Platform {
  const p = useContext(PlatformContext);
  if (!p) throw new Error('PlatformProvider manquant');
  return p;
}
