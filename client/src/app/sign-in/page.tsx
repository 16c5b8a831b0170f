/**
 * /sign-in: email and password, posted to /api/auth/sign-in (a plain form: works before any script
 * loads). Shows why the last attempt failed. Where the API is open, says so and links home.
 */
import Link from 'next/link';
import { cookies } from 'next/headers';
import { fetchViewer } from '@/lib/auth/auth-api';
import { safeNext, SESSION_COOKIE } from '@/lib/auth/session-cookie';

const MESSAGES: Record<string, string> = {
  invalid: 'Wrong email or password.',
  rate_limited: 'Too many attempts for this email. Wait a minute and try again.',
  unreachable: 'The API cannot be reached. Try again in a moment.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNext(params.next);
  const viewer = await fetchViewer((await cookies()).get(SESSION_COOKIE)?.value);
  if (viewer && !viewer.protected)
    return (
      <>
        <h1>Sign in</h1>
        <p>
          This installation needs no sign-in. <Link href={next}>Continue</Link>
        </p>
      </>
    );
  const error = params.error && (MESSAGES[params.error] ?? MESSAGES.invalid);
  return (
    <>
      <h1>Sign in</h1>
      {viewer?.user && (
        <p role="status">
          Signed in as {viewer.user.email} ({viewer.user.role}). <Link href={next}>Continue</Link>
        </p>
      )}
      <form className="panel sign-in" method="post" action="/api/auth/sign-in" aria-label="Sign in">
        <input type="hidden" name="next" value={next} />
        <div className="field">
          <label htmlFor="sign-in-email">Email</label>
          <input id="sign-in-email" name="email" type="email" autoComplete="username" required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
      <p className="hint">
        Accounts are made by an administrator: npm run users -- create --email … --role ….
      </p>
    </>
  );
}
