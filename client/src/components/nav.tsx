'use client';
/** The top navigation; marks the current section with aria-current; the signed-in user and Sign out. */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useViewer } from '@/lib/auth/viewer-context';

const LINKS = [
  { href: '/', label: 'Explorer' },
  { href: '/predict', label: 'Predict' },
  { href: '/train', label: 'Train' },
  { href: '/runs', label: 'Runs' },
  { href: '/models', label: 'Models' },
  { href: '/import', label: 'Import' },
] as const;

export function Nav() {
  const pathname = usePathname();
  const user = useViewer()?.user;
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
      {user && (
        <div className="account">
          <span>
            {user.email} ({user.role})
          </span>
          <form method="post" action="/api/auth/sign-out">
            <button type="submit" className="secondary">
              Sign out
            </button>
          </form>
        </div>
      )}
    </header>
  );
}
