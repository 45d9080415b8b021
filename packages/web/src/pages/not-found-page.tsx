import { EmptyState } from '../components/empty-state';
import { useDocumentTitle } from '../hooks/use-document-title';
import { Link } from '../router';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <EmptyState
      title="Page not found"
      action={
        <Link to="/" className="btn btn-primary">
          Go to your portfolio
        </Link>
      }
    >
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
    </EmptyState>
  );
}
