'use client';
/**
 * The signed-in user and what they may do, for client components (the root layout reads it on the
 * server and passes it in). Only for showing and hiding controls: the API decides.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Viewer } from './auth-api';

const ViewerContext = createContext<Viewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: Viewer | null; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

/** The viewer, or null when the API could not be asked. */
export function useViewer(): Viewer | null {
  return useContext(ViewerContext);
}

/** Whether the viewer may do what needs `scope`; true when unknown (the API will answer if not). */
export function useCan(scope: 'read' | 'predict' | 'train' | 'import'): boolean {
  const viewer = useContext(ViewerContext);
  return !viewer || viewer.scopes.includes(scope);
}
