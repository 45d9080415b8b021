/** The "next page" button under a cursor-paged list. */
export function LoadMoreButton({
  onLoad,
  loading,
  label = 'Load more',
}: {
  onLoad: () => Promise<void> | void;
  loading: boolean;
  label?: string;
}) {
  return (
    <div className="load-more">
      <button type="button" className="btn btn-secondary" onClick={() => void onLoad()} disabled={loading}>
        {loading ? 'Loading…' : label}
      </button>
    </div>
  );
}
