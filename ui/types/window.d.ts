// Hand-written (unlike lookout.d.ts): the Tauri global the window's backend.js calls, and what
// every view's mount(container, ctx) receives from main.js. Checked with `tsc -p ui`.

import type { Overview } from './lookout';

/** The part of Tauri's global API (`app.withGlobalTauri`) the window uses. */
export interface TauriGlobal {
  core: {
    invoke(command: string, args?: Record<string, unknown>): Promise<unknown>;
  };
  event: {
    listen<T>(event: string, handler: (event: { payload: T }) => void): Promise<() => void>;
  };
}

declare global {
  interface Window {
    __TAURI__?: TauriGlobal;
  }
}

/** A parsed location hash (routes.js): `providerId` and `incidentId` when the route has them. */
export interface Route {
  name: string;
  providerId?: number;
  incidentId?: string;
  hash?: string;
}

/** What main.js gives each view's mount(container, ctx). */
export interface ViewContext {
  backend: typeof import('../js/backend.js').backend;
  now(): number;
  loadOverview(): Promise<Overview>;
  refreshShell(): void;
  toast(message: string, kind?: 'info' | 'error'): void;
  setTitle(text: string): void;
  openLink(url: string): Promise<void>;
  navigate(hash: string): void;
  back(fallback: string): void;
  route: Route;
  isActive(): boolean;
}
