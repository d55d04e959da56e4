/** The BizDash mark: a rounded square with a stylised "B" (drawn, no font needed). */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="15" fill="var(--mantine-color-indigo-6)" />
      <path
        d="M21 17h14.5c6.6 0 10.5 3.3 10.5 8.4 0 3.1-1.7 5.5-4.4 6.5 3.6 1 5.8 3.7 5.8 7.4 0 5.6-4.2 9.2-11.1 9.2H21V17zm7.2 12.4h6.4c2.7 0 4.2-1.2 4.2-3.3 0-2.1-1.5-3.3-4.2-3.3h-6.4v6.6zm0 12.8h7.3c2.9 0 4.6-1.3 4.6-3.6s-1.7-3.6-4.6-3.6h-7.3v7.2z"
        fill="#fff"
      />
    </svg>
  );
}
