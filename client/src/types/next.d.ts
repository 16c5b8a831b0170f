// Next's ambient types (CSS and image imports) for `tsc` on a fresh clone, before `next build` has written
// next-env.d.ts (git-ignored: it points into .next/).
/// <reference types="next" />
/// <reference types="next/image-types/global" />
