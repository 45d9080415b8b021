import type { ReactNode } from 'react';
import { NotificationsProvider } from '../notifications-context';
import { AppHeader } from './app-header';

export function AppLayout({ children }: { children: ReactNode }) {
  return (
    <NotificationsProvider>
      <div className="app-shell">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <AppHeader />
        <main id="main" className="container app-main" tabIndex={-1}>
          {children}
        </main>
        <footer className="app-footer container">
          <span>Dossier — an evidence-linked portfolio.</span>
        </footer>
      </div>
    </NotificationsProvider>
  );
}
