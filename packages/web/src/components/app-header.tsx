import { useEffect, useState } from 'react';
import type { Features } from '../api/types';
import { useAuth } from '../auth-context';
import { useFeatures } from '../features-context';
import { Link, useLocation, useNavigate } from '../router';
import { Logo } from './logo';
import { NotificationBell } from './notification-bell';

interface NavEntry {
  to: string;
  label: string;
  /** Entries for optional features name their flags here; the entry shows when any of them is on. */
  features?: (keyof Features)[];
  /** Shown to administrators only. */
  admin?: boolean;
}

const NAV: NavEntry[] = [
  { to: '/', label: 'Portfolio' },
  { to: '/tailor', label: 'Tailor', features: ['cvGeneration', 'coverLetter'] },
  { to: '/documents', label: 'Documents' },
  { to: '/job-descriptions', label: 'Job descriptions' },
  { to: '/labels', label: 'Labels' },
  { to: '/import', label: 'Import', features: ['artifactUpload'] },
  { to: '/eval', label: 'Evaluation', admin: true },
  { to: '/account', label: 'Account' },
];

function isActive(entry: NavEntry, pathname: string): boolean {
  if (entry.to === '/') return pathname === '/' || pathname.startsWith('/artifacts');
  return pathname === entry.to || pathname.startsWith(`${entry.to}/`);
}

export function AppHeader() {
  const { user, logOut } = useAuth();
  const { features } = useFeatures();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the menu closes whenever the page changes
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const entries = NAV.filter(
    (entry) =>
      (!entry.features || entry.features.some((flag) => features[flag])) &&
      (!entry.admin || user?.role === 'admin'),
  );

  const handleLogOut = async () => {
    await logOut();
    navigate('/login', { replace: true });
  };

  return (
    <header className="app-header">
      <div className="container header-inner">
        <Link to="/" className="brand">
          <Logo />
          <span className="brand-name">Dossier</span>
        </Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls="primary-nav"
          onClick={() => setOpen((value) => !value)}
        >
          <span className="menu-icon" aria-hidden="true" />
          Menu
        </button>
        <nav id="primary-nav" className={`primary-nav${open ? ' is-open' : ''}`} aria-label="Main">
          <ul className="nav-list">
            {entries.map((entry) => (
              <li key={entry.to}>
                <a
                  href={entry.to}
                  className="nav-link"
                  aria-current={isActive(entry, pathname) ? 'page' : undefined}
                  onClick={(event) => {
                    if (
                      event.button !== 0 ||
                      event.metaKey ||
                      event.ctrlKey ||
                      event.shiftKey ||
                      event.altKey
                    )
                      return;
                    event.preventDefault();
                    navigate(entry.to);
                  }}
                >
                  {entry.label}
                </a>
              </li>
            ))}
          </ul>
          <div className="nav-user">
            {user && (
              <span className="nav-user-name" title={user.email}>
                <span className="avatar" aria-hidden="true">
                  {(user.name || user.email).trim().charAt(0).toUpperCase()}
                </span>
                <span className="nav-user-text">{user.name || user.email}</span>
              </span>
            )}
            <button type="button" className="btn btn-ghost btn-sm" onClick={handleLogOut}>
              Log out
            </button>
          </div>
        </nav>
        <NotificationBell />
      </div>
    </header>
  );
}
