import { type ReactNode, useEffect, useRef } from 'react';
import { useAuth } from './auth-context';
import { AppLayout } from './components/app-layout';
import { readNextPath } from './lib/next-path';
import { AccountPage } from './pages/account-page';
import { ArtifactEditorPage } from './pages/artifact-editor-page';
import { DocumentPage } from './pages/document-page';
import { DocumentsPage } from './pages/documents-page';
import { EvalComparePage } from './pages/eval-compare-page';
import { EvalPage } from './pages/eval-page';
import { EvalRunPage } from './pages/eval-run-page';
import { ImportPage } from './pages/import-page';
import { JobDescriptionsPage } from './pages/job-descriptions-page';
import { LabelsPage } from './pages/labels-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { PortfolioPage } from './pages/portfolio-page';
import { SignupPage } from './pages/signup-page';
import { TailorPage } from './pages/tailor-page';
import { TrashPage } from './pages/trash-page';
import { matchPath, Redirect, useLocation } from './router';

/** `admin` pages are for administrators; anyone else gets the not-found page, as the API answers 403. */
type Access = 'guest' | 'user' | 'admin';

interface Route {
  path: string;
  access: Access;
  render: (params: Record<string, string>) => ReactNode;
}

const ROUTES: Route[] = [
  { path: '/login', access: 'guest', render: () => <LoginPage /> },
  { path: '/signup', access: 'guest', render: () => <SignupPage /> },
  { path: '/', access: 'user', render: () => <PortfolioPage /> },
  { path: '/artifacts/new', access: 'user', render: () => <ArtifactEditorPage id={null} /> },
  { path: '/artifacts/:id', access: 'user', render: ({ id }) => <ArtifactEditorPage id={id ?? null} /> },
  { path: '/trash', access: 'user', render: () => <TrashPage /> },
  { path: '/labels', access: 'user', render: () => <LabelsPage /> },
  { path: '/tailor', access: 'user', render: () => <TailorPage /> },
  { path: '/documents', access: 'user', render: () => <DocumentsPage /> },
  { path: '/documents/:id', access: 'user', render: ({ id = '' }) => <DocumentPage key={id} id={id} /> },
  { path: '/job-descriptions', access: 'user', render: () => <JobDescriptionsPage /> },
  { path: '/import', access: 'user', render: () => <ImportPage /> },
  { path: '/account', access: 'user', render: () => <AccountPage /> },
  { path: '/eval', access: 'admin', render: () => <EvalPage /> },
  { path: '/eval/compare', access: 'admin', render: () => <EvalComparePage /> },
  { path: '/eval/runs/:id', access: 'admin', render: ({ id = '' }) => <EvalRunPage key={id} id={id} /> },
];

function resolve(pathname: string): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** Moves focus to the new page's heading after client-side navigation, as a full page load would. */
function useFocusOnNavigate(pathname: string) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs on purpose for every new pathname
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main');
      target?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

export function App() {
  const { user } = useAuth();
  const { pathname, search } = useLocation();
  useFocusOnNavigate(pathname);

  const match = resolve(pathname);

  if (match?.route.access === 'guest') {
    if (user) return <Redirect to={readNextPath(search)} />;
    return match.route.render(match.params);
  }

  if (!user) {
    const next = `${pathname}${search}`;
    return <Redirect to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} />;
  }

  const allowed = match && (match.route.access !== 'admin' || user.role === 'admin');
  return <AppLayout>{match && allowed ? match.route.render(match.params) : <NotFoundPage />}</AppLayout>;
}
