/**
 * Next.js config of the web app. Runtime settings (API URLs) are read per request by the root
 * layout and the route handlers, not baked in at build time: one build serves any API address.
 */
import path from 'node:path';
import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // npm workspaces hoist next to the repository's node_modules: Turbopack must see that folder.
  turbopack: { root: path.resolve(process.cwd(), '..') },
  outputFileTracingRoot: path.resolve(process.cwd(), '..'),
};

export default nextConfig;
