'use client';
/** The top navigation; marks the current section with aria-current. */
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Explorer' },
  { href: '/predict', label: 'Predict' },
  { href: '/train', label: 'Train' },
  { href: '/runs', label: 'Runs' },
] as const;

export function Nav() {
  const pathname = usePathname();
  const current = (href: string) => (href === '/' ? pathname === '/' : pathname.startsWith(href));
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <span className="brand">Sales forecast</span>
      <nav aria-label="Main">
        <ul>
          {LINKS.map(({ href, label }) => (
            <li key={href}>
              <Link href={href} aria-current={current(href) ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
