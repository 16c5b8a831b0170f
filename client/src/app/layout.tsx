import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Nav } from '@/components/nav';
import { ApolloWrapper } from '@/lib/apollo/apollo-wrapper';
import { PublicConfigProvider } from '@/lib/public-config-context';
import { readPublicConfig } from '@/lib/runtime-config';
import './globals.css';

export const metadata: Metadata = { title: 'Sales forecast', description: 'Explore, forecast and train' };
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection(); // read the API addresses at request time, not at build time
  const config = readPublicConfig();
  return (
    <html lang="en">
      <body>
        <PublicConfigProvider config={config}>
          <ApolloWrapper config={config}>
            <Nav />
            <main id="main">{children}</main>
          </ApolloWrapper>
        </PublicConfigProvider>
      </body>
    </html>
  );
}
