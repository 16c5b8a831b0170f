import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Nav } from '@/components/nav';
import { ApolloWrapper } from '@/lib/apollo/apollo-wrapper';
import { fetchViewer } from '@/lib/auth/auth-api';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import { ViewerProvider } from '@/lib/auth/viewer-context';
import { PublicConfigProvider } from '@/lib/public-config-context';
import { readPublicConfig } from '@/lib/runtime-config';
import './globals.css';

export const metadata: Metadata = { title: 'Sales forecast', description: 'Explore, forecast and train' };
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection(); // read the API addresses at request time, not at build time
  const config = readPublicConfig();
  const viewer = await fetchViewer((await cookies()).get(SESSION_COOKIE)?.value);
  return (
    <html lang="en">
      <body>
        <PublicConfigProvider config={config}>
          <ViewerProvider viewer={viewer}>
            <ApolloWrapper config={config}>
              <Nav />
              <main id="main">{children}</main>
            </ApolloWrapper>
          </ViewerProvider>
        </PublicConfigProvider>
      </body>
    </html>
  );
}
