export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg
      className="logo-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill="var(--brand)" />
      <path d="M10 8h7.5a7.5 7.5 0 0 1 0 15H10z" fill="none" stroke="#fff" strokeWidth="3" />
      <circle cx="22.5" cy="22.5" r="4" fill="#34d399" stroke="var(--brand)" strokeWidth="2" />
    </svg>
  );
}
